import { describe, expect, it } from "vitest";
import { blockedForMs, SIGN_IN_LIMITS, signInLimitKeys, tooManyAttemptsMessage } from "./rate-limit-rules";

const rule = SIGN_IN_LIMITS.account;
const start = new Date("2026-01-01T12:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

describe("blockedForMs", () => {
  it("does not block below the limit", () => {
    expect(blockedForMs(undefined, rule, start)).toBe(0);
    expect(blockedForMs({ count: rule.limit - 1, windowStartedAt: start }, rule, at(1000))).toBe(0);
  });

  it("blocks for the rest of the window once the limit is reached, then lets go", () => {
    const counter = { count: rule.limit, windowStartedAt: start };
    expect(blockedForMs(counter, rule, at(60_000))).toBe(rule.windowMs - 60_000);
    expect(blockedForMs(counter, rule, at(rule.windowMs - 1))).toBe(1);
    expect(blockedForMs(counter, rule, at(rule.windowMs))).toBe(0);
  });
});

describe("tooManyAttemptsMessage", () => {
  it("rounds up to whole minutes and never says 0", () => {
    expect(tooManyAttemptsMessage(15 * 60_000)).toBe("Too many attempts — try again in 15 minutes.");
    expect(tooManyAttemptsMessage(60_001)).toBe("Too many attempts — try again in 2 minutes.");
    expect(tooManyAttemptsMessage(500)).toBe("Too many attempts — try again in 1 minute.");
  });
});

describe("signInLimitKeys", () => {
  it("keys the account case-insensitively and the address as given", () => {
    expect(signInLimitKeys("Ada@Example.com", "10.0.0.1").map((entry) => entry.key)).toEqual([
      "sign-in:account:ada@example.com",
      "sign-in:address:10.0.0.1",
    ]);
  });
});
