import { describe, expect, it } from "vitest";
import {
  appendHealthSample,
  HEALTH_HISTORY_LIMIT,
  healthSampleOf,
  mergeHealthHistories,
  type HealthSample,
} from "./health-history";

const health = {
  workers: { idle: 0, running: 1, throttled: 0, total: 2 },
  jobs: { completed: 5, failed: 0, inProgress: 1, inQueue: 3, retried: 0 },
  source: "health" as const,
};

function sample(at: number): HealthSample {
  return { at, workersRunning: 1, workersTotal: 2, jobsInQueue: 0, jobsInProgress: 0 };
}

describe("healthSampleOf", () => {
  it("takes workers from the endpoint and jobs from /health", () => {
    expect(healthSampleOf({ runningWorkers: 1, endpoint: { workers: [{}, {}] }, health }, 1000)).toEqual({
      at: 1000,
      workersRunning: 1,
      workersTotal: 2,
      jobsInQueue: 3,
      jobsInProgress: 1,
    });
  });

  it("leaves jobs empty (not zero) when /health could not be read", () => {
    const result = healthSampleOf({ runningWorkers: 0, endpoint: { workers: [] }, health: null }, 5);
    expect(result.jobsInQueue).toBeNull();
    expect(result.jobsInProgress).toBeNull();
  });
});

describe("appendHealthSample", () => {
  it("appends in time order without changing the given history", () => {
    const history = [sample(1)];
    const next = appendHealthSample(history, sample(2));
    expect(next.map((entry) => entry.at)).toEqual([1, 2]);
    expect(history).toHaveLength(1);
  });

  it("ignores a sample that is not newer than the last one (the same poll seen twice)", () => {
    const history = [sample(1), sample(2)];
    expect(appendHealthSample(history, sample(2)).map((entry) => entry.at)).toEqual([1, 2]);
    expect(appendHealthSample(history, sample(1)).map((entry) => entry.at)).toEqual([1, 2]);
  });

  it(`keeps only the newest ${HEALTH_HISTORY_LIMIT} samples`, () => {
    let history: HealthSample[] = [];
    for (let at = 1; at <= HEALTH_HISTORY_LIMIT + 25; at += 1) history = appendHealthSample(history, sample(at));
    expect(history).toHaveLength(HEALTH_HISTORY_LIMIT);
    expect(history[0]?.at).toBe(26);
    expect(history.at(-1)?.at).toBe(HEALTH_HISTORY_LIMIT + 25);
  });

  it("honours a smaller limit", () => {
    const history = [sample(1), sample(2), sample(3)];
    expect(appendHealthSample(history, sample(4), 2).map((entry) => entry.at)).toEqual([3, 4]);
  });
});

describe("mergeHealthHistories", () => {
  it("puts stored samples before the live ones and drops stored ones that overlap", () => {
    const point = (at: number) => ({ at, workersRunning: 1, workersTotal: 1, jobsInQueue: 0, jobsInProgress: 0 });
    expect(
      mergeHealthHistories([point(1), point(2), point(5)], [point(4), point(6)]).map((sample) => sample.at),
    ).toEqual([1, 2, 4, 6]);
    expect(mergeHealthHistories([point(1), point(2), point(3)], [], 2).map((sample) => sample.at)).toEqual([2, 3]);
  });
});
