/**
 * One webhook POST: the host checked again by the address guard inside the connection's own DNS lookup (the address
 * checked is the address dialled), a deadline, no redirects followed (a 3xx is a failed attempt), the answer's body
 * read and dropped.
 */
import http from "node:http";
import https from "node:https";
import { guardedLookup, OutputFetchError, portOf } from "@/lib/outputs/fetch";
import { checkWebhookAddress, parseWebhookUrl, webhookFetchPolicy, type WebhookPolicy } from "./accept";

export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface AttemptOutcome {
  /** The receiver's HTTP status, when it answered. */
  statusCode: number | null;
  /** Why the attempt failed (network, timeout, refused address, non-2xx); null when it succeeded. */
  error: string | null;
  durationMs: number;
}

function post(url: URL, headers: Record<string, string>, body: string, policy: WebhookPolicy, timeoutMs: number) {
  const client = url.protocol === "https:" ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(webhookFetchPolicy(policy), portOf(url)),
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", (error) => {
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof OutputFetchError) reject(cause);
      else if (error.name === "AbortError" || error.name === "TimeoutError")
        reject(new Error(`no answer within ${timeoutMs / 1000} s`));
      else reject(error);
    });
    request.end(body);
  });
}

/** POSTs `body` to `rawUrl` once; never throws (the outcome says what happened). */
export async function sendWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookPolicy,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = parseWebhookUrl(rawUrl);
    await checkWebhookAddress(url, policy);
    const statusCode = await post(url, headers, body, policy, timeoutMs);
    if (statusCode >= 200 && statusCode < 300) return { statusCode, error: null, durationMs: elapsed() };
    const why = statusCode >= 300 && statusCode < 400 ? "a redirect, which is not followed" : "not a 2xx";
    return { statusCode, error: `HTTP ${statusCode}: ${why}`, durationMs: elapsed() };
  } catch (error) {
    return { statusCode: null, error: error instanceof Error ? error.message : String(error), durationMs: elapsed() };
  }
}
