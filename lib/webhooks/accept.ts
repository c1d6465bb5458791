/**
 * A run's `webhook`, checked when the run is asked for (before the ledger row, so a refused one sends nothing) and
 * again before each delivery: an absolute http(s) URL of at most 2048 characters without credentials, whose host
 * passes the output downloads' address guard (lib/outputs/fetch.ts) — no loopback, private or link-local address,
 * but in local mode any loopback address and port (a receiver on the person's own machine).
 */
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { webhookSecrets } from "@/lib/db/schema";
import { ConsoleError } from "@/lib/errors";
import { checkHostAddresses, OutputFetchError, portOf, type FetchPolicy } from "@/lib/outputs/fetch";

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export interface WebhookPolicy {
  /** Local mode: every loopback address and port may receive webhooks. */
  allowLoopback: boolean;
  /** DNS, replaceable in tests. */
  resolve?: FetchPolicy["resolve"];
}

/** A webhook URL accepted for a run, with the member whose secret signs it. */
export interface AcceptedWebhook {
  url: string;
  ownerId: string;
}

/** The address guard's rules for webhooks: no allow-list of hosts, loopback as the policy says. */
export function webhookFetchPolicy(policy: WebhookPolicy): FetchPolicy {
  return { allowedHosts: [], allowLoopback: [], anyLoopback: policy.allowLoopback, resolve: policy.resolve };
}

function refused(message: string): ConsoleError {
  return new ConsoleError("invalid", message, { webhook: message });
}

/** The URL's problem in words, or the parsed URL. Addresses are not checked here (see `checkWebhookAddress`). */
export function parseWebhookUrl(raw: string): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    throw refused(`The webhook URL is ${raw.length} characters; at most ${MAX_WEBHOOK_URL_LENGTH} are accepted.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused("The webhook must be an absolute http(s) URL, e.g. https://example.com/hooks/novita.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw refused(`The webhook must be an http(s) URL, not ${url.protocol}.`);
  if (url.username || url.password)
    throw refused("The webhook URL may not hold credentials (user:password@): verify the signature instead.");
  return url;
}

/** Every address the host resolves to must be allowed; the refusal names the address and why. */
export async function checkWebhookAddress(url: URL, policy: WebhookPolicy): Promise<void> {
  try {
    await checkHostAddresses(url.hostname, portOf(url), webhookFetchPolicy(policy));
  } catch (error) {
    if (!(error instanceof OutputFetchError)) throw error;
    const rule = policy.allowLoopback
      ? "private and link-local addresses are refused"
      : "loopback, private and link-local addresses are refused outside local mode";
    throw refused(`The webhook's host is refused: ${error.message} (${rule}).`);
  }
}

/** Checks a run's webhook: the URL, the caller's signing secret, the host's addresses. */
export async function acceptWebhook(
  db: Database,
  raw: string,
  ownerId: string | null,
  policy: WebhookPolicy,
): Promise<AcceptedWebhook> {
  const url = parseWebhookUrl(raw.trim());
  const [secret] = ownerId
    ? await db.select({ userId: webhookSecrets.userId }).from(webhookSecrets).where(eq(webhookSecrets.userId, ownerId))
    : [];
  if (!secret || !ownerId) throw refused("Create a webhook signing secret first (Settings → API tokens).");
  await checkWebhookAddress(url, policy);
  return { url: url.toString(), ownerId };
}
