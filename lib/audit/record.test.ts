/**
 * Issue 16 item 7 (found by the fuzzer): a refused input is audited as it came, and it may hold what Postgres's
 * jsonb refuses — NUL, lone surrogates — or a BigInt (React decodes `$n…`). The row is still written, with U+FFFD
 * in their place, instead of the write failing and the row being lost (a logged error with a stack).
 */
import { desc } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import * as schema from "@/lib/db/schema";
import { consoleDatabaseForTestFile } from "@/tests/support/console";

const mocks = await vi.hoisted(() => import("@/tests/support/next-mocks"));
vi.mock("@/lib/db/client", mocks.databaseModule);
const logged: unknown[] = [];
vi.mock("@/lib/logger", () => ({ logger: { error: (...args: unknown[]) => void logged.push(args) } }));
const { recordAudit } = await import("./record");

describe("recordAudit with input Postgres cannot store as it is", () => {
  const database = consoleDatabaseForTestFile("audit-record-");

  it("writes the row, NUL and lone surrogates replaced, a BigInt as its digits", async () => {
    const after = { name: "a\u0000b", ["k\u0000"]: ["\ud800", "x\udfffy"], big: 12n, ok: "ü😀" };
    await recordAudit({ actor: null, action: "fuzz.test", targetType: "test", after, result: "failed" });
    expect(logged).toEqual([]);
    const [row] = await database.db.select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(1);
    expect(row?.after).toEqual({ name: "a\ufffdb", ["k\ufffd"]: ["\ufffd", "x\ufffdy"], big: "12", ok: "ü😀" });
  });
});
