import { describe, expect, it } from "vitest";
import type { EndpointHealth } from "@/lib/novita/types";
import { explainWait } from "./stuck";

const serving = { state: "serving", error: "", message: "" };
function health(workers: Partial<EndpointHealth["workers"]>, inQueue = 3): EndpointHealth {
  return {
    workers: { idle: 0, running: 0, throttled: 0, total: 0, ...workers },
    jobs: { completed: 0, failed: 0, inProgress: 0, inQueue, retried: 0 },
    source: "health",
  };
}

describe("explainWait", () => {
  it("says nothing for an ordinary wait", () => {
    expect(
      explainWait({
        waitedMs: 10_000,
        endpoint: { status: serving, minWorkers: 0, maxWorkers: 2 },
        health: health({}),
      }),
    ).toBeUndefined();
  });

  it("explains a cold start when min workers is 0", () => {
    const why = explainWait({
      waitedMs: 45_000,
      endpoint: { status: serving, minWorkers: 0, maxWorkers: 2 },
      health: health({ total: 1 }),
    })!;
    expect(why.reason).toMatch(/waited 45 s.*min workers is 0.*cold-starting/);
    expect(why.fix).toMatch(/set min workers to 1/);
  });

  it("explains a full endpoint and says to raise max workers", () => {
    const why = explainWait({
      waitedMs: 60_000,
      endpoint: { status: serving, minWorkers: 0, maxWorkers: 2 },
      health: health({ running: 2, total: 2 }, 5),
    })!;
    expect(why.reason).toMatch(/All 2 workers are busy.*maximum \(2\); 5 jobs are queued/);
    expect(why.fix).toMatch(/Raise max workers \(now 2\)/);
  });

  it("explains an endpoint that is not serving, with its error", () => {
    const why = explainWait({
      waitedMs: 31_000,
      endpoint: {
        status: { state: "failed", error: "IMAGE_PULL_FAILED", message: "manifest unknown" },
        minWorkers: 0,
        maxWorkers: 2,
      },
      health: null,
    })!;
    expect(why.reason).toBe(
      'It has waited 31 s. The endpoint is not serving: its state is "failed" (IMAGE_PULL_FAILED: manifest unknown).',
    );
  });

  it("explains throttled workers as a GPU shortage", () => {
    const why = explainWait({
      waitedMs: 40_000,
      endpoint: { status: serving, minWorkers: 1, maxWorkers: 3 },
      health: health({ throttled: 2, total: 2 }),
    })!;
    expect(why.reason).toMatch(/2 workers are throttled: GPUs of this type are short/);
  });

  it("explains more workers starting for the queue", () => {
    const why = explainWait({
      waitedMs: 40_000,
      endpoint: { status: serving, minWorkers: 1, maxWorkers: 3 },
      health: health({ running: 1, total: 3 }, 4),
    })!;
    expect(why.reason).toMatch(/2 more workers are starting/);
  });
});
