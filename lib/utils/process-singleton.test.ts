import { afterEach, describe, expect, it, vi } from "vitest";
import {
  forgetProcessSingleton,
  processSingleton,
  processSingletonPromise,
  replaceProcessSingleton,
} from "./process-singleton";

const KEYS = ["test.value", "test.null", "test.promise"];

afterEach(() => KEYS.forEach(forgetProcessSingleton));

describe("processSingleton", () => {
  it("makes the value once and keeps it on globalThis under the console's symbol", () => {
    const create = vi.fn(() => ({ made: true }));
    const first = processSingleton("test.value", create);
    expect(processSingleton("test.value", create)).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("novita-console.test.value")]).toBe(first);
  });

  it("finds a value another copy of a module put there (a route bundle, a dev reload)", () => {
    (globalThis as Record<symbol, unknown>)[Symbol.for("novita-console.test.value")] = "from elsewhere";
    expect(processSingleton("test.value", () => "new")).toBe("from elsewhere");
  });

  it("keeps null and undefined as values rather than making them again", () => {
    const create = vi.fn(() => null);
    expect(processSingleton("test.null", create)).toBeNull();
    expect(processSingleton("test.null", create)).toBeNull();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("replaces the value, and after forgetting makes it again", () => {
    processSingleton("test.value", () => "first");
    replaceProcessSingleton("test.value", "second");
    expect(processSingleton("test.value", () => "unused")).toBe("second");
    forgetProcessSingleton("test.value");
    expect(processSingleton("test.value", () => "third")).toBe("third");
  });

  it("keeps nothing when create throws", () => {
    expect(() =>
      processSingleton("test.value", () => {
        throw new Error("cannot");
      }),
    ).toThrow("cannot");
    expect(processSingleton("test.value", () => "made")).toBe("made");
  });
});

describe("processSingletonPromise", () => {
  it("shares one promise while it is pending or resolved", async () => {
    const create = vi.fn(async () => "ready");
    const first = processSingletonPromise("test.promise", create);
    expect(processSingletonPromise("test.promise", create)).toBe(first);
    await expect(first).resolves.toBe("ready");
    expect(processSingletonPromise("test.promise", create)).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("forgets a promise that rejects, so that the next call tries again", async () => {
    let calls = 0;
    const create = async () => {
      calls += 1;
      if (calls === 1) throw new Error("down");
      return "up";
    };
    await expect(processSingletonPromise("test.promise", create)).rejects.toThrow("down");
    await expect(processSingletonPromise("test.promise", create)).resolves.toBe("up");
    expect(calls).toBe(2);
  });

  it("does not forget a value that replaced the rejected promise", async () => {
    const failing = processSingletonPromise("test.promise", () => Promise.reject(new Error("down")));
    replaceProcessSingleton("test.promise", Promise.resolve("replaced"));
    await expect(failing).rejects.toThrow("down");
    await expect(processSingletonPromise("test.promise", async () => "unused")).resolves.toBe("replaced");
  });
});
