/**
 * Redacts secrets from what goes into the audit log: values under secret-looking keys, and env values of secret names.
 */
import { isSecretName } from "@/lib/endpoints/env";

export const REDACTED = "[redacted]";

const SECRET_KEY = /(secret|password|passwd|token|api_?key|apikey|access_?key|private|credential|authorization)/i;
/** Long blobs (base64 images in a job input) are summarised, not copied into the log. */
const MAX_STRING = 2_000;

/**
 * What Postgres's jsonb can hold: no NUL (`unsupported Unicode escape sequence`) and no lone surrogate (`invalid
 * input syntax for type json`) — each becomes U+FFFD. Refused input is audited as it came, so it may hold either.
 */
function storable(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", "\uFFFD");
}

export function redactForAudit(value: unknown, depth = 0): unknown {
  if (depth > 12) return "[…]";
  if (typeof value === "string") {
    return storable(value.length > MAX_STRING ? `${value.slice(0, 200)}… (${value.length} characters)` : value);
  }
  // React decodes `$n…` in an action's argument as a BigInt, which JSON cannot write.
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((item) => redactForAudit(item, depth + 1));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    // An env row `{ key: "HF_TOKEN", value: "…" }` keeps its name and loses its value.
    if (typeof record.key === "string" && "value" in record && isSecretName(record.key)) {
      return { ...record, value: REDACTED };
    }
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(record)) {
      out[storable(key)] =
        SECRET_KEY.test(key) && inner !== null && inner !== "" && typeof inner !== "boolean"
          ? REDACTED
          : redactForAudit(inner, depth + 1);
    }
    return out;
  }
  return value;
}
