/** Fixed-window limits for sign-in attempts. Pure: the database half is in rate-limit.ts. */

export interface RateLimitRule {
  /** Failures allowed in one window; reaching it refuses further attempts until the window ends. */
  limit: number;
  windowMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Per account: 5 wrong passwords in 15 minutes lock that account's sign-in for the rest of the window.
 * Per address: higher, because a team behind one NAT shares an address.
 */
export const SIGN_IN_LIMITS = {
  account: { limit: 5, windowMs: FIFTEEN_MINUTES },
  address: { limit: 30, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitRule>;

export interface LimitedKey {
  key: string;
  rule: RateLimitRule;
}

export function signInLimitKeys(email: string, address: string): LimitedKey[] {
  return [
    { key: `sign-in:account:${email.toLowerCase()}`, rule: SIGN_IN_LIMITS.account },
    { key: `sign-in:address:${address}`, rule: SIGN_IN_LIMITS.address },
  ];
}

/** How long a counter still refuses attempts at `now`: the rest of its window once the limit is reached, else 0. */
export function blockedForMs(
  counter: { count: number; windowStartedAt: Date } | undefined,
  rule: RateLimitRule,
  now: Date,
): number {
  if (!counter || counter.count < rule.limit) return 0;
  const endsAt = counter.windowStartedAt.getTime() + rule.windowMs;
  return Math.max(0, endsAt - now.getTime());
}

export function tooManyAttemptsMessage(blockedMs: number): string {
  const minutes = Math.max(1, Math.ceil(blockedMs / 60_000));
  return `Too many attempts — try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
