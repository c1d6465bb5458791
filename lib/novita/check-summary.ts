/**
 * How a connection check reads to a person, shared by Settings → Connection and `npm run check:novita`: one line
 * for the whole report, one word per row. Types only from check.ts, so the browser bundle stays free of the client.
 */
import type { ConnectionCheck, ProbeVerdict } from "./check";

export const VERDICT_LABEL: Record<ProbeVerdict, string> = {
  ok: "Matches",
  mismatch: "Mismatch",
  skipped: "Skipped",
  info: "Not this form",
};

export interface CheckSummary {
  /** Calls made (skipped rows made none). */
  calls: number;
  mismatches: number;
  skipped: number;
  text: string;
}

export function summarizeCheck(check: Pick<ConnectionCheck, "rows">): CheckSummary {
  const skipped = check.rows.filter((row) => row.verdict === "skipped").length;
  const mismatches = check.rows.filter((row) => row.verdict === "mismatch").length;
  const calls = check.rows.length - skipped;
  const noun = calls === 1 ? "call" : "calls";
  const text =
    mismatches === 0
      ? `All ${calls} ${noun} answered as the console expects${skipped ? ` (${skipped} skipped)` : ""}`
      : `${mismatches} of ${calls} ${noun} did not answer as expected`;
  return { calls, mismatches, skipped, text };
}
