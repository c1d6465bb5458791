import { describe, expect, it } from "vitest";
import { NovitaError } from "@/lib/novita/errors";
import { jobRouteCandidates } from "@/lib/novita/route-name";
import { testDatabaseFor } from "@/tests/support/database";
import { callOnJobRoute, chooseJobRoute, jobRouteOf, setJobRouteOverride } from "./job-route";
import { describeJobRoute } from "./job-route-text";

const notFound = () =>
  new NovitaError({
    kind: "not_found",
    operation: "get endpoint health",
    status: 404,
    reason: "ENDPOINT_NOT_FOUND",
    upstreamMessage: "no endpoint is named x",
    message: "404",
    userMessage: "404",
  });
const endpointWithDefaultAppName = (id: string) => ({ id, jobRouteCandidates: jobRouteCandidates(id, "") });

/** A gateway that answers only to `accepted`, counting what it was asked. */
function gateway(accepted: string[]) {
  const asked: string[] = [];
  return {
    asked,
    call: async (name: string) => {
      asked.push(name);
      if (!accepted.includes(name)) throw notFound();
      return `answer from ${name}`;
    },
  };
}

describe("chooseJobRoute", () => {
  const endpoint = endpointWithDefaultAppName("ep1");
  it("prefers a person's override, then the learned name, then the first candidate", () => {
    expect(chooseJobRoute(endpoint, undefined)).toMatchObject({ name: "ep1-ep1", source: "guess" });
    const learnedAt = new Date("2026-12-01T10:00:00Z");
    expect(
      chooseJobRoute(endpoint, {
        jobRouteNameOverride: null,
        jobRouteNameLearned: "ep1",
        jobRouteNameLearnedAt: learnedAt,
      }),
    ).toMatchObject({ name: "ep1", source: "learned", learnedAt: learnedAt.toISOString() });
    expect(
      chooseJobRoute(endpoint, {
        jobRouteNameOverride: " mine ",
        jobRouteNameLearned: "ep1",
        jobRouteNameLearnedAt: learnedAt,
      }),
    ).toMatchObject({ name: "mine", source: "override" });
  });

  it("forgets a learned name that is no longer a candidate (the app name changed)", () => {
    const renamed = { id: "ep1", jobRouteCandidates: jobRouteCandidates("ep1", "async") };
    expect(
      chooseJobRoute(renamed, {
        jobRouteNameOverride: null,
        jobRouteNameLearned: "ep1",
        jobRouteNameLearnedAt: new Date(),
      }),
    ).toMatchObject({ name: "ep1-async", source: "guess" });
  });
});

describe("describeJobRoute", () => {
  it("says how the console knows the name", () => {
    const candidates = ["ep1-ep1", "ep1"];
    expect(describeJobRoute({ name: "ep1-ep1", source: "guess", candidates, learnedAt: undefined })).toBe(
      "Not confirmed yet: the console tries this first, then ep1, and remembers the one that answers.",
    );
    expect(describeJobRoute({ name: "ep1", source: "learned", candidates, learnedAt: undefined })).toContain(
      "gateway answers to it",
    );
    expect(describeJobRoute({ name: "x", source: "override", candidates, learnedAt: undefined })).toContain(
      "Set by hand",
    );
  });
});

describe.each(["pglite", "postgres"] as const)("callOnJobRoute on %s", (engine) => {
  const { skip, database } = testDatabaseFor(engine);

  it.skipIf(skip)(
    "tries the other form on not-found, remembers the one that answered, and asks it first from then on",
    async () => {
      const { db } = database();
      const endpoint = endpointWithDefaultAppName("bare1");
      const bareOnly = gateway(["bare1"]);
      const first = await callOnJobRoute(db, endpoint, bareOnly.call);
      expect(first.value).toBe("answer from bare1");
      expect(first.route).toMatchObject({ name: "bare1", source: "learned" });
      expect(bareOnly.asked).toEqual(["bare1-bare1", "bare1"]);
      expect(await jobRouteOf(db, endpoint)).toMatchObject({ name: "bare1", source: "learned" });
      await callOnJobRoute(db, endpoint, bareOnly.call);
      expect(bareOnly.asked).toEqual(["bare1-bare1", "bare1", "bare1"]);
    },
  );

  it.skipIf(skip)("learns the first form too when it answers, so the page can say it is confirmed", async () => {
    const { db } = database();
    const endpoint = endpointWithDefaultAppName("composed1");
    await callOnJobRoute(db, endpoint, gateway(["composed1-composed1"]).call);
    expect(await jobRouteOf(db, endpoint)).toMatchObject({ name: "composed1-composed1", source: "learned" });
  });

  it.skipIf(skip)("does not try other names for an error that is not not-found", async () => {
    const { db } = database();
    const asked: string[] = [];
    const refused = callOnJobRoute(db, endpointWithDefaultAppName("auth1"), async (name) => {
      asked.push(name);
      throw new NovitaError({ kind: "auth", operation: "run job", message: "403", userMessage: "403" });
    });
    await expect(refused).rejects.toMatchObject({ kind: "auth" });
    expect(asked).toEqual(["auth1-auth1"]);
  });

  it.skipIf(skip)("says which names it tried when none answers, and learns nothing", async () => {
    const { db } = database();
    const endpoint = endpointWithDefaultAppName("none1");
    const error = (await callOnJobRoute(db, endpoint, gateway([]).call).catch(
      (caught: unknown) => caught,
    )) as NovitaError;
    expect(error).toMatchObject({ kind: "not_found" });
    expect(error.userMessage).toContain('"none1-none1" and "none1"');
    expect(error.userMessage).toContain("set that route name on the endpoint page");
    expect(await jobRouteOf(db, endpoint)).toMatchObject({ source: "guess" });
  });

  it.skipIf(skip)("uses only a person's override, and clearing it brings the learned name back", async () => {
    const { db } = database();
    const endpoint = endpointWithDefaultAppName("over1");
    await callOnJobRoute(db, endpoint, gateway(["over1"]).call);
    await setJobRouteOverride(db, "over1", "custom-route");
    const onlyCustom = gateway(["over1"]);
    await expect(callOnJobRoute(db, endpoint, onlyCustom.call)).rejects.toMatchObject({ kind: "not_found" });
    expect(onlyCustom.asked).toEqual(["custom-route"]);
    await setJobRouteOverride(db, "over1", undefined);
    expect(await jobRouteOf(db, endpoint)).toMatchObject({ name: "over1", source: "learned" });
  });
});
