import { afterEach, describe, expect, it } from "vitest";
import { forgetSharedReads, sharedRead } from "./shared-read";

afterEach(() => forgetSharedReads("test:"));

describe("sharedRead", () => {
  it("serves every caller within the time-to-live from one upstream call", async () => {
    let calls = 0;
    let clock = 1_000;
    const load = async () => ++calls;
    const reads = await Promise.all(
      Array.from({ length: 50 }, () => sharedRead("test:list", 5_000, load, () => clock)),
    );
    expect(new Set(reads)).toEqual(new Set([1]));
    clock += 4_999;
    expect(await sharedRead("test:list", 5_000, load, () => clock)).toBe(1);
    clock += 1;
    expect(await sharedRead("test:list", 5_000, load, () => clock)).toBe(2);
    expect(calls).toBe(2);
  });

  it("does not keep failures: the next caller asks again", async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw new Error("upstream down");
    };
    await expect(sharedRead("test:fail", 5_000, failing)).rejects.toThrow("upstream down");
    await expect(sharedRead("test:fail", 5_000, failing)).rejects.toThrow("upstream down");
    expect(calls).toBe(2);
  });

  it("forgets by prefix after a change", async () => {
    let calls = 0;
    const load = async () => ++calls;
    await sharedRead("test:endpoint:a", 60_000, load);
    await sharedRead("test:other", 60_000, load);
    forgetSharedReads("test:endpoint:");
    expect(await sharedRead("test:endpoint:a", 60_000, load)).toBe(3);
    expect(await sharedRead("test:other", 60_000, load)).toBe(2);
  });
});
