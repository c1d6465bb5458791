/**
 * Every failure of a Novita call becomes a `NovitaError` whose `userMessage` says what went wrong and what to
 * do (the wording lives in `error-details.ts`). The API key never appears in any of its text: `createNovitaError`
 * passes all of it through `scrubSecret`.
 */
export type NovitaErrorKind =
  | "auth"
  | "not_found"
  | "invalid"
  | "rate_limited"
  /** Novita cannot do it right now but will soon (its serverless cluster is not active yet): wait and retry. */
  | "unavailable"
  | "too_large"
  | "upstream"
  | "network"
  | "timeout";

export interface NovitaErrorDetails {
  kind: NovitaErrorKind;
  /** What was being done, as a verb phrase: "list endpoints", "run job". */
  operation: string;
  /** Technical, for logs. */
  message: string;
  /** For people: what went wrong and what to do. */
  userMessage: string;
  status?: number;
  /** Novita's UPPER_SNAKE reason, e.g. INVALID_API_KEY. */
  reason?: string;
  upstreamMessage?: string;
  /** The request field Novita blamed (`metadata.field`), e.g. `workerConfig.maxNum`, when it names one. */
  field?: string;
  retryAfterMs?: number;
  /**
   * A call that changes something (run, cancel, create, update, delete) failed in a way that leaves open whether
   * Novita acted on it: repeating it blindly could, say, run a job twice.
   */
  outcomeUnknown?: boolean;
  cause?: Error;
}

export class NovitaError extends Error {
  override readonly name = "NovitaError";
  readonly kind: NovitaErrorKind;
  readonly operation: string;
  readonly userMessage: string;
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly outcomeUnknown: boolean;

  constructor(details: NovitaErrorDetails) {
    super(details.message, details.cause ? { cause: details.cause } : undefined);
    this.kind = details.kind;
    this.operation = details.operation;
    this.userMessage = details.userMessage;
    this.status = details.status;
    this.reason = details.reason;
    this.upstreamMessage = details.upstreamMessage;
    this.field = details.field;
    this.retryAfterMs = details.retryAfterMs;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

/**
 * `instanceof` alone is not enough: the client is shared on globalThis, so an error it throws may come from another
 * Next server bundle's copy of this class (a server action then saw Novita's refusal as an unexpected crash).
 */
export function isNovitaError(error: unknown): error is NovitaError {
  if (error instanceof NovitaError) return true;
  return (
    error instanceof Error && error.name === "NovitaError" && typeof (error as { kind?: unknown }).kind === "string"
  );
}

const MIN_SECRET_LENGTH_TO_SCRUB_ANYWHERE = 12;

/**
 * Replaces the key with `sk_…` and its last 4 characters. A short key (a local test key, say) is replaced only where
 * it stands as a whole token, so that a key like "k" does not shred every word containing a k.
 */
export function scrubSecret(text: string, secret: string): string {
  if (!secret) return text;
  if (secret.length >= MIN_SECRET_LENGTH_TO_SCRUB_ANYWHERE) return text.split(secret).join(`sk_…${secret.slice(-4)}`);
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, "g"), "sk_…");
}

/** Builds the error with every text field scrubbed, including the cause's message. */
export function createNovitaError(details: NovitaErrorDetails, secret: string): NovitaError {
  const scrub = (text: string | undefined) => (text === undefined ? undefined : scrubSecret(text, secret));
  return new NovitaError({
    ...details,
    message: scrubSecret(details.message, secret),
    userMessage: scrubSecret(details.userMessage, secret),
    reason: scrub(details.reason),
    upstreamMessage: scrub(details.upstreamMessage),
    field: scrub(details.field),
    cause: details.cause ? new Error(scrubSecret(details.cause.message, secret)) : undefined,
  });
}
