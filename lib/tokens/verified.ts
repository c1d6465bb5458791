import type { TokenCaller } from "@/lib/tokens/service";
import { processSingleton } from "@/lib/utils/process-singleton";

/** A token better-auth verified at `at`; `checked`: the caller one read confirmed last, and until when it holds. */
export interface VerifiedToken {
  token: TokenCaller["token"];
  at: number;
  checked?: { caller: TokenCaller; at: number; expiresAt: number | null };
}

/** Tokens verified lately in this process, by the SHA-256 of the key (the key itself is not kept). */
export function verifiedTokens(): Map<string, VerifiedToken> {
  return processSingleton("verified-tokens", () => new Map<string, VerifiedToken>());
}

/**
 * Forgets every verified token in this process: called when a token is revoked or a member's role changes or the
 * member is removed, so the change counts on this replica's next call (other replicas within their re-check time).
 */
export function forgetVerifiedTokens(): void {
  verifiedTokens().clear();
}
