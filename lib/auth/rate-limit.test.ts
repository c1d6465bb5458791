import { describe, expect, it } from "vitest";
import { testDatabaseFor } from "@/tests/support/database";
import { clearSignInFailures, recordSignInFailure, signInBlockedForMs } from "./rate-limit";
import { SIGN_IN_LIMITS, signInLimitKeys } from "./rate-limit-rules";

describe.each(["pglite", "postgres"] as const)("sign-in rate limit on %s", (engine) => {
  const { skip, database } = testDatabaseFor(engine);

  const start = new Date("2026-03-01T10:00:00Z");
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  const window = SIGN_IN_LIMITS.account.windowMs;

  it.skipIf(skip)(
    "the fifth failure within 15 minutes blocks the account for the rest of the window, then it starts afresh",
    async () => {
      const { db } = database();
      const keys = signInLimitKeys("ada@example.com", "10.0.0.1");
      for (let failure = 1; failure <= 4; failure++) expect(await recordSignInFailure(db, keys, at(failure))).toBe(0);
      expect(await signInBlockedForMs(db, keys, at(4))).toBe(0);
      // The window opened with the first failure, at minute 1.
      expect(await recordSignInFailure(db, keys, at(5))).toBe(window - 4 * 60_000);
      expect(await signInBlockedForMs(db, keys, at(10))).toBe(window - 9 * 60_000);
      // Another account from the same address is not blocked (the address limit is higher).
      expect(await signInBlockedForMs(db, signInLimitKeys("bob@example.com", "10.0.0.1"), at(10))).toBe(0);
      // The window ends: free again, and the next failure opens a new window at 1.
      expect(await signInBlockedForMs(db, keys, at(15))).toBe(60_000);
      expect(await signInBlockedForMs(db, keys, at(16))).toBe(0);
      expect(await recordSignInFailure(db, keys, at(17))).toBe(0);
      expect(await signInBlockedForMs(db, keys, at(17))).toBe(0);
    },
  );

  it.skipIf(skip)(
    "a success forgets the account's failures; the address limit blocks every account behind it",
    async () => {
      const { db } = database();
      const keys = signInLimitKeys("carol@example.com", "10.0.0.2");
      for (let failure = 1; failure <= 4; failure++) await recordSignInFailure(db, keys, at(failure));
      await clearSignInFailures(db, keys[0]!.key);
      expect(await recordSignInFailure(db, keys, at(5))).toBe(0);

      for (let failure = 0; failure < SIGN_IN_LIMITS.address.limit; failure++) {
        await recordSignInFailure(db, signInLimitKeys(`user${failure}@example.com`, "10.0.0.3"), at(1));
      }
      expect(await signInBlockedForMs(db, signInLimitKeys("someone-new@example.com", "10.0.0.3"), at(2))).toBe(
        window - 60_000,
      );
    },
  );
});
