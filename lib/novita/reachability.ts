/**
 * Whether Novita answers: every attempt of the client (lib/novita/http.ts `onAttempt`) is an outcome, and a streak
 * of failures at the network level (refused, reset, timed out) or with a 5xx, unbroken by any answer for
 * `UNREACHABLE_AFTER_MS`, makes this replica say "Novita unreachable since <the streak's first failure>". The
 * statement is kept where every replica sees it (a `ReachabilityStore`: a row in the database, lib/cluster/
 * novita-reachability.ts), renewed while failures go on and lapsing `CLAIM_TTL_MS` after the last renewal; any
 * answer from Novita on any replica clears it (each replica clears at most every `CLEAR_EVERY_MS` unless it set it).
 * An answer is any HTTP status below 500: a 4xx or a 429 is Novita answering.
 */

/** One attempt's outcome: `failed` with a short reason for people ("connection refused", "HTTP 502"). */
export type AttemptOutcome = { ok: true } | { ok: false; reason: string };

export const UNREACHABLE_AFTER_MS = 5_000;
export const CLAIM_TTL_MS = 45_000;
/** How often a failing replica renews the statement (its expiry moves on), at most. */
export const RENEW_EVERY_MS = 5_000;
/** How often a replica whose calls succeed makes sure no statement is left (set by another replica), at most. */
export const CLEAR_EVERY_MS = 5_000;

export interface Reachability {
  /** ISO time of the first failure of the streak; null while Novita answers. */
  unreachableSince: string | null;
  /** The last failure in words, e.g. "connection refused" (never a key or a URL with one). */
  reason: string | null;
}

export const REACHABLE: Reachability = { unreachableSince: null, reason: null };

export interface ReachabilityStore {
  /** Says Novita unreachable since `since` until `until` (an earlier statement's `since` is kept while it lasts). */
  markUnreachable(since: Date, reason: string, until: Date): Promise<void>;
  /** Clears the statement, if any. */
  markReachable(): Promise<void>;
}

export interface MonitorOptions {
  now?: () => number;
  unreachableAfterMs?: number;
  onError?: (error: unknown) => void;
}

/** One replica's view, writing to the shared store only when something is to be said (never on every call). */
export class ReachabilityMonitor {
  private failingSince: number | undefined;
  private renewedAt = -Infinity;
  private clearedAt = -Infinity;
  private saidUnreachable = false;
  private readonly now: () => number;

  constructor(
    private readonly store: ReachabilityStore,
    private readonly options: MonitorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Never throws, never waits: the call that reports goes on at once. */
  record(outcome: AttemptOutcome): void {
    const now = this.now();
    if (outcome.ok) {
      this.failingSince = undefined;
      if (!this.saidUnreachable && now - this.clearedAt < CLEAR_EVERY_MS) return;
      this.saidUnreachable = false;
      this.clearedAt = now;
      this.write(() => this.store.markReachable());
      return;
    }
    this.failingSince ??= now;
    if (now - this.failingSince < (this.options.unreachableAfterMs ?? UNREACHABLE_AFTER_MS)) return;
    if (this.saidUnreachable && now - this.renewedAt < RENEW_EVERY_MS) return;
    this.saidUnreachable = true;
    this.renewedAt = now;
    const since = new Date(this.failingSince);
    this.write(() => this.store.markUnreachable(since, outcome.reason, new Date(now + CLAIM_TTL_MS)));
  }

  /** Whether this replica's own calls are failing now (a streak past the threshold). */
  get unreachable(): boolean {
    return this.saidUnreachable;
  }

  private write(action: () => Promise<void>) {
    try {
      void action().catch((error: unknown) => this.options.onError?.(error));
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

/** An attempt's outcome from what the client saw: an HTTP status, or a transport failure in words. */
export function outcomeOfStatus(status: number): AttemptOutcome {
  return status < 500 ? { ok: true } : { ok: false, reason: `HTTP ${status}` };
}

const REASONS: [RegExp, string][] = [
  [/ECONNREFUSED/, "connection refused"],
  [/ECONNRESET|socket hang up|other side closed|UND_ERR_SOCKET/i, "connection reset"],
  [/ENOTFOUND|EAI_AGAIN/, "host not found"],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT/, "connection timed out"],
  [/ENETUNREACH|EHOSTUNREACH/, "network unreachable"],
  [/certificate|CERT_|SSL|TLS/i, "TLS failure"],
];

/** A transport failure in a few words for the header (the raw text may carry a host, never shown as is). */
export function transportReason(description: string, timedOut: boolean): string {
  if (timedOut) return "no answer before the timeout";
  return REASONS.find(([pattern]) => pattern.test(description))?.[1] ?? "network error";
}
