import { describe, expect, it } from "vitest";
import { BackgroundLoop } from "./loop";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("BackgroundLoop", () => {
  it("runs at once and again after each run, never two at a time, through errors, until stopped", async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const errors: unknown[] = [];
    const loop = new BackgroundLoop(
      async () => {
        running += 1;
        overlapped ||= running > 1;
        runs += 1;
        await sleep(5);
        running -= 1;
        if (runs === 2) throw new Error("second run fails");
      },
      2,
      (error) => errors.push(error),
    );
    loop.start();
    loop.start();
    await sleep(80);
    loop.stop();
    const stoppedAt = runs;
    await sleep(30);
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(overlapped).toBe(false);
    expect(errors).toHaveLength(1);
    expect(runs - stoppedAt).toBeLessThanOrEqual(1);
  });
});
