/** What each kind of failure is called and what the user is told to do about it. */
import type { NovitaErrorDetails, NovitaErrorKind } from "./errors";
import type { WireErrorBody } from "./wire";

const KEY_REASONS = new Set(["INVALID_API_KEY", "MISSING_API_KEY", "UNAUTHORIZED", "FAILED_TO_AUTH"]);
/**
 * The model-API table's billing reasons and the GPU table's
 * (`BALANCE_NOT_ENOUGH`, `EXPIRED_OR_BALANCE_NOT_ENOUGH`, all 400).
 */
const BILLING_REASONS = new Set([
  "BILLING_BALANCE_NOT_ENOUGH",
  "NOT_ENOUGH_BALANCE",
  "BILLING_AUTH_FAILED",
  "BALANCE_NOT_ENOUGH",
  "EXPIRED_OR_BALANCE_NOT_ENOUGH",
]);
/** Reasons that name the request field at fault, where Novita's answer has no `metadata.field` of its own. */
const REASON_FIELDS: Record<string, string> = {
  SERVERLESS_APP_NAME_IS_EXIST: "appName",
  SERVERLESS_PRODUCT_NOT_FOUND: "products",
  NETWORK_STORAGE_NOT_FOUND: "volumeMounts",
  CUR_CLUSTER_NETWORK_STORAGE_NOT_SUPPORT: "volumeMounts",
  IMAGE_NOT_FOUND: "image.image",
};
/** "serverless cluster is not active" follows an account's last endpoint being deleted, for a while (§10.12). */
const CLUSTER_INACTIVE = /cluster is not active|cluster status/i;

/**
 * Novita's GPU API answers "not found" as HTTP 400 with a `*_NOT_FOUND` reason (§10.3), so the reason decides
 * first and the status only when there is none that says more.
 */
export function kindOfFailure(
  status: number,
  reason: string | undefined,
  upstreamMessage: string | undefined,
): NovitaErrorKind {
  if (reason && KEY_REASONS.has(reason)) return "auth";
  if (reason && /_NOT_FOUND$/.test(reason)) return "not_found";
  if (reason === "CLUSTER_STATUS" || (upstreamMessage && CLUSTER_INACTIVE.test(upstreamMessage))) return "unavailable";
  if (reason === "RATE_LIMIT_EXCEEDED") return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 413) return "too_large";
  if (status === 429) return "rate_limited";
  // 408 is the server giving up on us, not a complaint about the request.
  if (status >= 400 && status < 500 && status !== 408) return "invalid";
  return "upstream";
}

export interface ResponseFailure {
  operation: string;
  status: number;
  body: WireErrorBody;
  retryAfterMs: number | undefined;
}

export function responseErrorDetails({ operation, status, body, retryAfterMs }: ResponseFailure): NovitaErrorDetails {
  const reason = body.reason ?? undefined;
  const upstreamMessage = body.message ?? body.error ?? undefined;
  const namedField = typeof body.metadata?.field === "string" ? body.metadata.field : undefined;
  const field = namedField ?? (reason ? REASON_FIELDS[reason] : undefined);
  const kind = kindOfFailure(status, reason, upstreamMessage);
  const said = [reason, upstreamMessage].filter(Boolean).join(": ");
  return {
    kind,
    operation,
    status,
    reason,
    upstreamMessage,
    field,
    retryAfterMs,
    message: `Novita ${operation} failed with HTTP ${status}${said ? ` (${said})` : ""}`,
    userMessage: userMessageForResponse(kind, { operation, status, retryAfterMs, reason, said }),
  };
}

function userMessageForResponse(
  kind: NovitaErrorKind,
  failure: Omit<ResponseFailure, "body"> & { reason: string | undefined; said: string },
): string {
  const { operation, status, reason, said, retryAfterMs } = failure;
  const answer = `HTTP ${status}${said ? `: ${said}` : ""}`;
  if (reason && BILLING_REASONS.has(reason)) {
    return (
      `Novita refused to ${operation} for billing reasons (${answer}). ` +
      "Top up the balance (or renew the plan) of the Novita account that owns the key " +
      "at novita.ai → Billing, then try again."
    );
  }
  if (reason === "SERVERLESS_APP_NAME_IS_EXIST") {
    return (
      `Novita refused to ${operation}: the app name is already used by another endpoint (${answer}). ` +
      "Choose another app name."
    );
  }
  switch (kind) {
    case "auth":
      return reason && !KEY_REASONS.has(reason)
        ? `Novita refused to ${operation} (${answer}). Check in the Novita console that the key's team may use this.`
        : `Novita refused the API key (${reason ?? status}). Check the key in Settings → Connection.`;
    case "not_found":
      return reason === "SERVERLESS_PRODUCT_NOT_FOUND"
        ? `Novita has no serverless GPU product with that id (${answer}). ` +
            "Choose a GPU from the serverless list, or check the id you typed."
        : `Novita found nothing for ${operation} (${answer}): it was deleted or never existed, ` +
            "or it is a job past Novita's 6-hour retention. Refresh, and check the endpoint's job route name.";
    case "unavailable":
      return (
        `Novita cannot ${operation} right now (${answer}). ` +
        "Its serverless cluster for this account is not active yet, " +
        "which happens for a while after the last endpoint is deleted. Wait a minute or two and try again."
      );
    case "too_large":
      return tooLargeUserMessage("(413)");
    case "rate_limited":
      return `Novita is limiting how fast this key may call it (429). Wait ${waitText(retryAfterMs)} and try again.`;
    case "invalid":
      return `Novita rejected ${operation} (${said || `HTTP ${status}`}). Correct the values it names and try again.`;
    default:
      return `Novita had a problem (${status}). Try again in a minute.`;
  }
}

function waitText(retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined ? "a few seconds" : `${Math.ceil(retryAfterMs / 1000)} s`;
}

const MIB = 1024 * 1024;

function tooLargeUserMessage(size: string): string {
  return (
    `The job is over Novita's 4 MiB limit ${size}. ` +
    "Put large inputs such as images or videos in object storage and send their URLs instead."
  );
}

/** Refused before sending: Novita would answer 413 anyway, after the upload. */
export function tooLargeDetails(operation: string, bytes: number, limitBytes: number): NovitaErrorDetails {
  // Rounded up, so a body just over the limit never reads as "4.0 MiB".
  const mib = (Math.ceil((bytes / MIB) * 10) / 10).toFixed(1);
  return {
    kind: "too_large",
    operation,
    message: `Novita ${operation} not sent: the body is ${bytes} bytes, over the ${limitBytes}-byte limit`,
    userMessage: tooLargeUserMessage(`(it is ${mib} MiB)`),
  };
}

export function unexpectedShapeDetails(operation: string, problem: string): NovitaErrorDetails {
  const message = `Novita answered ${operation} with an unexpected shape: ${problem}`;
  return {
    kind: "upstream",
    operation,
    message,
    userMessage:
      `${message}. Try again later; ` + "if it persists, Novita's API has changed and the console needs an update.",
  };
}

export interface TransportFailure {
  operation: string;
  /** Host only: a base URL may carry credentials in its user-info part. */
  host: string;
  /** The setting that points at this host, named in the advice. */
  baseUrlVariable: string;
  outcomeUnknown: boolean;
}

export const OUTCOME_UNKNOWN_ADVICE =
  " Novita may still have acted on it, so check (for a job, the endpoint's queue) before repeating it.";

export function networkErrorDetails(failure: TransportFailure, cause: Error): NovitaErrorDetails {
  const { operation, host, baseUrlVariable, outcomeUnknown } = failure;
  return {
    kind: "network",
    operation,
    outcomeUnknown,
    cause,
    message: `Novita ${operation} failed: could not reach ${host}: ${cause.message}`,
    userMessage:
      `Could not reach Novita at ${host}: ${cause.message}. Check the server's network and ${baseUrlVariable}.` +
      (outcomeUnknown ? OUTCOME_UNKNOWN_ADVICE : ""),
  };
}

export function timeoutErrorDetails(failure: TransportFailure, timeoutMs: number): NovitaErrorDetails {
  const { operation, host, baseUrlVariable, outcomeUnknown } = failure;
  const seconds = Math.round(timeoutMs / 100) / 10;
  return {
    kind: "timeout",
    operation,
    outcomeUnknown,
    message: `Novita ${operation} timed out after ${timeoutMs} ms (${host})`,
    userMessage:
      `Novita did not answer ${operation} within ${seconds} s. Try again in a moment; ` +
      `if it keeps happening, check the server's network and ${baseUrlVariable}.` +
      (outcomeUnknown ? OUTCOME_UNKNOWN_ADVICE : ""),
  };
}
