import { describe, expect, it } from "vitest";
import type { ProbeRow, ProbeVerdict } from "./check";
import { summarizeCheck, VERDICT_LABEL } from "./check-summary";

const probe = (verdict: ProbeVerdict): ProbeRow => ({
  call: "List endpoints",
  request: "GET /endpoints",
  surface: "management",
  status: verdict === "skipped" ? undefined : 200,
  ms: verdict === "skipped" ? undefined : 3,
  verdict,
  missing: [],
  extra: [],
  note: undefined,
});

describe("summarizeCheck", () => {
  it("counts skipped rows as no call, and says all answered when none mismatched", () => {
    expect(summarizeCheck({ rows: [probe("ok"), probe("info"), probe("ok")] })).toEqual({
      calls: 3,
      mismatches: 0,
      skipped: 0,
      text: "All 3 calls answered as the console expects",
    });
    expect(summarizeCheck({ rows: [probe("ok"), probe("skipped")] }).text).toBe(
      "All 1 call answered as the console expects (1 skipped)",
    );
  });

  it("says how many of the calls did not answer as expected", () => {
    expect(summarizeCheck({ rows: [probe("mismatch"), probe("ok"), probe("mismatch"), probe("skipped")] })).toEqual({
      calls: 3,
      mismatches: 2,
      skipped: 1,
      text: "2 of 3 calls did not answer as expected",
    });
  });

  it("has a word for every verdict", () => {
    expect(VERDICT_LABEL).toEqual({ ok: "Matches", mismatch: "Mismatch", skipped: "Skipped", info: "Not this form" });
  });
});
