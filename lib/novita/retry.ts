/** When and how long to wait before repeating an idempotent call. */

export interface RetryPolicy {
  /** Repeats after the first attempt; 0 disables retries. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 5_000 };

/**
 * The longest `Retry-After` worth waiting for inside one call; a server asking for more is treated as unavailable
 * for now, and the caller gets the error (with the server's figure) at once instead of a page that hangs.
 */
export const MAX_RETRY_AFTER_MS = 30_000;

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** Only these answers say "the same request may work in a moment"; a 500 usually repeats itself. */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Exponential backoff with full jitter: spreads out many clients that failed at the same moment. */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const milliseconds = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  return Number.isFinite(milliseconds) ? Math.max(0, milliseconds) : undefined;
}
