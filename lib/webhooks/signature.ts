/**
 * Webhook signatures, the Standard Webhooks scheme (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (unix
 * seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the raw bytes of
 * the owner's secret `whsec_<base64 of 32 random bytes>` — so the Standard Webhooks libraries verify it as they are.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
/** Receivers should refuse a timestamp further than this from their clock (replays). */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** A new signing secret: `whsec_` and 32 random bytes in base64. */
export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256>` of one delivery. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/** The headers of one delivery (the same `webhook-id` on every retry, a fresh timestamp and signature). */
export function webhookHeaders(secret: string, id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "novita-console-webhooks",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}

export interface SignedDelivery {
  /** The raw body as received (verify before parsing it). */
  body: string;
  /** `webhook-id`, `webhook-timestamp`, `webhook-signature` (any case of header name). */
  headers: Record<string, string | string[] | undefined> | Headers;
}

function header(headers: SignedDelivery["headers"], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

/**
 * Whether a delivery was signed with `secret` and its timestamp is within `toleranceSeconds` of `now`. The
 * signature header may hold several space-separated `v1,…` values (one matching is enough).
 */
export function verifyWebhookSignature(
  secret: string,
  delivery: SignedDelivery,
  options: { toleranceSeconds?: number; now?: Date } = {},
): boolean {
  const id = header(delivery.headers, "webhook-id");
  const timestamp = Number(header(delivery.headers, "webhook-timestamp"));
  const signatures = header(delivery.headers, "webhook-signature");
  if (!id || !Number.isInteger(timestamp) || !signatures) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, delivery.body));
  return signatures.split(" ").some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
