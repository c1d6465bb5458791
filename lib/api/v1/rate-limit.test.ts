import { describe, expect, it } from "vitest";
import { API_RATE, TokenBucketLimiter } from "./rate-limit";

function limiterAt(start = 1_000_000) {
  const clock = { now: start };
  const limiter = new TokenBucketLimiter({ ...API_RATE, now: () => clock.now });
  return { clock, limiter };
}

describe("the per-token bucket", () => {
  it("lets a burst of 40 through at once, then refuses with Retry-After in whole seconds", () => {
    const { limiter } = limiterAt();
    for (let request = 0; request < API_RATE.burst; request += 1) expect(limiter.take("token:a").allowed).toBe(true);
    expect(limiter.take("token:a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it("refills at 20 a second, never beyond the burst", () => {
    const { clock, limiter } = limiterAt();
    for (let request = 0; request < API_RATE.burst; request += 1) limiter.take("token:a");
    clock.now += 100; // 2 requests' worth
    expect(limiter.take("token:a").allowed).toBe(true);
    expect(limiter.take("token:a").allowed).toBe(true);
    expect(limiter.take("token:a").allowed).toBe(false);
    clock.now += 60_000;
    let allowed = 0;
    while (limiter.take("token:a").allowed) allowed += 1;
    expect(allowed).toBe(API_RATE.burst);
  });

  it("keeps 20 a second sustained: one request every 50 ms is never refused", () => {
    const { clock, limiter } = limiterAt();
    for (let request = 0; request < 1_000; request += 1) {
      expect(limiter.take("token:a").allowed).toBe(true);
      clock.now += 50;
    }
  });

  it("keeps each token's bucket to itself", () => {
    const { limiter } = limiterAt();
    for (let request = 0; request < API_RATE.burst; request += 1) limiter.take("token:a");
    expect(limiter.take("token:a").allowed).toBe(false);
    expect(limiter.take("token:b").allowed).toBe(true);
    expect(limiter.take("user:a").allowed).toBe(true);
  });

  it("says how long to wait when a slower rate is configured", () => {
    const clock = { now: 0 };
    const limiter = new TokenBucketLimiter({ perSecond: 0.25, burst: 1, now: () => clock.now });
    expect(limiter.take("k").allowed).toBe(true);
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 4 });
    clock.now += 3_000;
    expect(limiter.take("k")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now += 1_000;
    expect(limiter.take("k").allowed).toBe(true);
  });

  it("forgets buckets that have refilled once it holds many keys", () => {
    const clock = { now: 0 };
    const limiter = new TokenBucketLimiter({ ...API_RATE, now: () => clock.now, maxKeys: 3 });
    for (const key of ["a", "b", "c"]) limiter.take(key);
    clock.now += 10_000;
    limiter.take("d");
    const size = (limiter as unknown as { buckets: Map<string, unknown> }).buckets.size;
    expect(size).toBe(1);
  });
});
