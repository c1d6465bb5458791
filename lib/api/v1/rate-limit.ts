import { processSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";

/**
 * The REST API's per-caller rate limit: a token bucket per console token (and per person for a signed-in session).
 * In process memory, so the bound holds per replica: behind N replicas a token may make up to N times the rate.
 */

/** 20 requests a second on average, up to 40 at once: what a script or notebook needs, not what a loop can burn. */
export const API_RATE = { perSecond: 20, burst: 40 } as const;

/** The bucket's answer: allowed, or refused with the seconds to wait before one request fits again. */
export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by key; `now` (milliseconds) is injectable, so tests run on a fake clock. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: { perSecond: number; burst: number; now?: () => number; maxKeys?: number } = API_RATE,
  ) {}

  /** Takes one request's token from `key`'s bucket, when there is one. */
  take(key: string): RateDecision {
    const now = this.options.now?.() ?? Date.now();
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * perSecond);
    const allowed = tokens >= 1;
    // Deleted and set again: the map stays in order of last use, oldest first, for `forgetIdle`.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    this.forgetIdle(now);
    return allowed
      ? { allowed, remaining: Math.floor(tokens - 1) }
      : { allowed, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
  }

  /** Keys that have refilled completely are the same as unknown ones: dropped once there are many. */
  private forgetIdle(now: number) {
    if (this.buckets.size <= (this.options.maxKeys ?? 10_000)) return;
    const fullAfterMs = (this.options.burst / this.options.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at < fullAfterMs) break;
      this.buckets.delete(key);
    }
  }
}

/** The process's limiter for `/api/v1` (shared by Next's server bundles). */
export function apiRateLimiter(): TokenBucketLimiter {
  return processSingleton("api-rate-limiter", () => new TokenBucketLimiter(API_RATE));
}

/** Replaces the process's limiter (tests: a fake clock, or a fresh one). */
export function setApiRateLimiter(limiter: TokenBucketLimiter): void {
  replaceProcessSingleton("api-rate-limiter", limiter);
}
