import { describe, expect, it } from "vitest";
import type { EndpointHealth } from "@/lib/novita/types";
import { MAX_WOKEN_PER_READING, pollDelayMs, probablyStarted } from "./poll-policy";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

function health(inProgress: number): EndpointHealth {
  return {
    workers: { idle: 0, running: inProgress, throttled: 0, total: 4 },
    jobs: { completed: 10, failed: 0, inProgress, inQueue: 100, retried: 0 },
    source: "health",
  };
}

describe("poll policy", () => {
  it("asks about a running job at the adaptive interval", () => {
    expect(pollDelayMs({ status: "IN_PROGRESS", lastChangedAt: ago(2_000) }, now, 10_000)).toBe(1_000);
    expect(pollDelayMs({ status: "RUNNING", lastChangedAt: ago(30_000) }, now, 0)).toBe(3_000);
    expect(pollDelayMs({ status: "IN_PROGRESS", lastChangedAt: ago(20 * 60_000) }, now, 0)).toBe(10_000);
  });

  it("spaces queued jobs so that a whole queue costs a few calls a second, however long it is", () => {
    const queued = (count: number) => pollDelayMs({ status: "IN_QUEUE", lastChangedAt: ago(0) }, now, count);
    expect(queued(10)).toBe(30_000);
    expect(queued(1_000)).toBe(250_000);
    // 10,000 queued: each asked every 2,500 s, 4 calls a second for the whole queue.
    expect(10_000 / (queued(10_000) / 1_000)).toBe(4);
    expect(queued(1_000_000)).toBe(60 * 60_000);
    expect(pollDelayMs({ status: "PENDING", lastChangedAt: ago(0) }, now, 10_000)).toBe(queued(10_000));
  });

  it("counts the queued jobs that probably started: in progress upstream beyond the ledger's running ones", () => {
    expect(probablyStarted(health(4), undefined, { running: 3, queued: 100 })).toBe(1);
    expect(probablyStarted(health(4), undefined, { running: 4, queued: 100 })).toBe(0);
    // The ledger still has a finished job as running: nothing to wake yet.
    expect(probablyStarted(health(3), undefined, { running: 4, queued: 100 })).toBe(0);
    expect(probablyStarted(health(4), undefined, { running: 0, queued: 2 })).toBe(2);
    expect(probablyStarted(health(500), undefined, { running: 0, queued: 1_000 })).toBe(MAX_WOKEN_PER_READING);
  });

  it("counts jobs that finished between two readings (faster than /health is read) as started", () => {
    const before = health(0);
    const after = { ...health(0), jobs: { ...health(0).jobs, completed: 15, failed: 2 } };
    expect(probablyStarted(after, before, { running: 0, queued: 100 })).toBe(7);
    // Counters that went back (reset upstream) wake nothing.
    expect(probablyStarted(before, after, { running: 0, queued: 100 })).toBe(0);
  });
});
