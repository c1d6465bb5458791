import { describe, expect, it } from "vitest";
import { buildTimeline } from "./timeline";

const t = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds)).toISOString();

describe("buildTimeline", () => {
  it("lays out a completed job with durations between stages", () => {
    const stages = buildTimeline(
      { status: "COMPLETED", finished: true, submittedAt: t(0), startedAt: t(3), finishedAt: t(8) },
      [
        { status: "SUBMITTING", at: t(0), detail: null },
        { status: "IN_QUEUE", at: t(1), detail: null },
        { status: "IN_PROGRESS", at: t(3), detail: null },
        { status: "COMPLETED", at: t(8), detail: null },
      ],
    );
    expect(stages.map((stage) => [stage.label, stage.state, stage.durationMs])).toEqual([
      ["Submitted", "done", 1000],
      ["Queued", "done", 2000],
      ["Running", "done", 5000],
      ["Completed", "done", null],
    ]);
  });

  it("marks the current stage of a queued job and counts its wait up to now", () => {
    const stages = buildTimeline(
      { status: "IN_QUEUE", finished: false, submittedAt: t(0), startedAt: null, finishedAt: null },
      [{ status: "IN_QUEUE", at: t(1), detail: null }],
      new Date(t(31)).getTime(),
    );
    expect(stages.map((stage) => stage.state)).toEqual(["done", "current", "pending", "pending"]);
    expect(stages[1]?.durationMs).toBe(30_000);
  });

  it("skips stages a cancelled job never reached", () => {
    const stages = buildTimeline(
      { status: "CANCELLED", finished: true, submittedAt: t(0), startedAt: null, finishedAt: t(4) },
      [{ status: "CANCELLED", at: t(4), detail: null }],
    );
    expect(stages.map((stage) => stage.state)).toEqual(["done", "skipped", "skipped", "done"]);
    expect(stages[3]?.label).toBe("Cancelled");
    expect(stages[0]?.durationMs).toBe(4000);
  });
});
