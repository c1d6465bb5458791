import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AuditEntry } from "@/lib/audit/record";
import { ConsoleError } from "@/lib/errors";
import { NovitaError } from "@/lib/novita/errors";

const audit = vi.hoisted(() => ({ rows: [] as AuditEntry[] }));
vi.mock("@/lib/auth/guard", () => ({
  requireUser: async () => ({ id: "u1", name: "Ada", email: "ada@example.com", role: "admin" }),
}));
vi.mock("@/lib/audit/record", () => ({ recordAudit: async (entry: AuditEntry) => void audit.rows.push(entry) }));
vi.mock("@/lib/logger", () => ({ logger: { error: () => {} } }));

const { guardedAction, publicAction } = await import("./define");
const { fail, ok } = await import("./result");

const input = z.object({ name: z.string() });
const spec = { action: "thing.make", targetType: "thing", targetId: (value: { name: string }) => value.name };

describe("guardedAction and publicAction map expected failures once", () => {
  beforeEach(() => void (audit.rows = []));

  it("returns a thrown ConsoleError as a failed result, audited as failed", async () => {
    const action = guardedAction({ role: "operator", input, audit: spec }, async () => {
      throw new ConsoleError("conflict", "Already made.", { name: "Taken." });
    });
    expect(await action({ name: "a" })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Already made.", fields: { name: "Taken." } },
    });
    expect(audit.rows).toMatchObject([
      { action: "thing.make", targetId: "a", result: "failed", errorMessage: "Already made." },
    ]);
  });

  it("returns a thrown NovitaError in its user words", async () => {
    const action = guardedAction({ role: "operator", input, audit: spec }, async () => {
      throw new NovitaError({
        kind: "rate_limited",
        operation: "run job",
        message: "429",
        userMessage: "Wait 2 s and try again.",
      });
    });
    expect(await action({ name: "a" })).toEqual({
      ok: false,
      error: { code: "upstream", message: "Wait 2 s and try again." },
    });
  });

  it("hides an unexpected error behind the generic message (audited as error)", async () => {
    const action = guardedAction({ role: "operator", input, audit: spec }, async () => {
      throw new Error("secret detail");
    });
    const result = await action({ name: "a" });
    expect(result.ok ? "" : result.error.code).toBe("internal");
    expect(JSON.stringify(result)).not.toContain("secret detail");
    expect(audit.rows).toMatchObject([{ result: "error" }]);
  });

  it("public actions: refused input is not audited; failures are, with no actor, on the trail's target", async () => {
    const action = publicAction({ input, audit: spec }, async (value, trail) => {
      if (value.name === "thrown") throw new ConsoleError("conflict", "Done already.");
      trail.target("invite-1");
      return value.name === "ok" ? ok(1) : fail("conflict", "Used.");
    });
    expect(await action({ name: 3 } as never)).toMatchObject({
      ok: false,
      error: { code: "invalid", fields: { name: expect.any(String) } },
    });
    expect(audit.rows).toEqual([]);
    expect(await action({ name: "thrown" })).toEqual({
      ok: false,
      error: { code: "conflict", message: "Done already." },
    });
    expect(await action({ name: "returned" })).toEqual({ ok: false, error: { code: "conflict", message: "Used." } });
    expect(await action({ name: "ok" })).toEqual({ ok: true, data: 1 });
    expect(audit.rows).toEqual([
      {
        actor: null,
        action: "thing.make",
        targetType: "thing",
        targetId: "thrown",
        result: "failed",
        errorMessage: "Done already.",
      },
      {
        actor: null,
        action: "thing.make",
        targetType: "thing",
        targetId: "invite-1",
        result: "failed",
        errorMessage: "Used.",
      },
    ]);
    await expect(publicAction({ input }, async () => Promise.reject(new Error("boom")))({ name: "x" })).rejects.toThrow(
      "boom",
    );
  });
});
