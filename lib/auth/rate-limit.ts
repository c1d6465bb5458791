import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";
import { blockedForMs, type LimitedKey } from "./rate-limit-rules";

/** How long the sign-in attempts under these keys are still refused; 0 when they are not. */
export async function signInBlockedForMs(db: Database, keys: LimitedKey[], now = new Date()): Promise<number> {
  const rows = await db
    .select()
    .from(rateLimits)
    .where(
      inArray(
        rateLimits.key,
        keys.map((entry) => entry.key),
      ),
    );
  return Math.max(
    0,
    ...keys.map((entry) =>
      blockedForMs(
        rows.find((row) => row.key === entry.key),
        entry.rule,
        now,
      ),
    ),
  );
}

/**
 * Counts one failed attempt under each key (fixed windows: a window that has ended starts afresh at 1).
 * Returns how long attempts are now refused; 0 when the limit is not reached yet.
 */
export async function recordSignInFailure(db: Database, keys: LimitedKey[], now = new Date()): Promise<number> {
  let blocked = 0;
  for (const { key, rule } of keys) {
    const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
    const windowEnded = sql`${rateLimits.windowStartedAt} <= ${windowStart}::timestamptz`;
    const restartedAt = sql`${now.toISOString()}::timestamptz`;
    const [row] = await db
      .insert(rateLimits)
      .values({ key, count: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          count: sql`case when ${windowEnded} then 1 else ${rateLimits.count} + 1 end`,
          windowStartedAt: sql`case when ${windowEnded} then ${restartedAt} else ${rateLimits.windowStartedAt} end`,
        },
      })
      .returning();
    blocked = Math.max(blocked, blockedForMs(row, rule, now));
  }
  return blocked;
}

/** A successful sign-in forgets the account's failures (the address's stay: one address may try many accounts). */
export async function clearSignInFailures(db: Database, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
