import { describe, expect, it } from "vitest";
import { ConsoleError, isConsoleError } from "@/lib/errors";
import { JobNotFound } from "@/lib/jobs/service";
import { NovitaError } from "@/lib/novita/errors";
import { apiError, toConsoleError } from "./errors";

const novita = (details: Partial<ConstructorParameters<typeof NovitaError>[0]>) =>
  new NovitaError({
    kind: "upstream",
    operation: "update endpoint",
    message: "technical",
    userMessage: "For people.",
    ...details,
  });

describe("one error type", () => {
  it("keeps a ConsoleError (and its subclasses) as it is", () => {
    const error = new JobNotFound("j1");
    expect(isConsoleError(error)).toBe(true);
    expect(toConsoleError(error)).toBe(error);
    expect(error.toJSON()).toEqual({ code: "not_found", message: "No job j1 in the ledger." });
  });

  it("maps a NovitaError once: not_found stays not_found, the rest is upstream, on the field Novita blamed", () => {
    expect(toConsoleError(novita({ kind: "not_found", userMessage: "Novita found nothing." }))?.toJSON()).toEqual({
      code: "not_found",
      message: "Novita found nothing.",
    });
    expect(toConsoleError(novita({ kind: "timeout", userMessage: "Novita did not answer." }))?.toJSON()).toEqual({
      code: "upstream",
      message: "Novita did not answer.",
    });
    expect(
      toConsoleError(
        novita({
          kind: "invalid",
          upstreamMessage: "max too big",
          reason: "INVALID_PARAM",
          field: "workerConfig.maxNum",
        }),
      )?.toJSON(),
    ).toEqual({
      code: "upstream",
      message: "Novita refused it: max too big (INVALID_PARAM)",
      fields: { maxWorkers: "Novita refused it: max too big" },
    });
  });

  it("does not repeat Novita's reason when its user message already names it", () => {
    const error = novita({
      kind: "invalid",
      reason: "INVALID_PARAM",
      userMessage: "Novita rejected update endpoint (INVALID_PARAM). Correct the values it names and try again.",
    });
    expect(toConsoleError(error)?.message).toBe(error.userMessage);
  });

  it("leaves anything else to the caller", () => {
    expect(toConsoleError(new Error("boom"))).toBeUndefined();
    expect(() => apiError(new Error("boom"))).toThrow("boom");
  });

  it("answers a route with the code's status and the shape of every error", async () => {
    const response = apiError(new ConsoleError("conflict", "Already there.", { email: "Taken." }));
    expect(response.status).toBe(409);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "conflict", message: "Already there.", fields: { email: "Taken." } },
    });
    expect(apiError(novita({ kind: "auth" })).status).toBe(502);
    expect(apiError(novita({ kind: "not_found" })).status).toBe(404);
  });
});
