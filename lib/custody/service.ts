import "server-only";
import { consoleSecret, getConfig } from "@/lib/config";
import { announceChange } from "@/lib/cluster/changes";
import { switchStoredKey } from "@/lib/connection";
import { getDb } from "@/lib/db/client";
import { forgetEndpointViews } from "@/lib/endpoints/shared-views";
import { createNovitaClient } from "@/lib/novita/client";
import { isNovitaError } from "@/lib/novita/errors";
import { ensureLocalSandbox } from "@/lib/sandbox/local";
import { keyFingerprint } from "./cipher";
import { deleteStoredKey, readStoredKey, writeStoredKey, type StoredKeyInfo } from "./store";

export type KeyTest = { ok: true; endpointCount: number } | { ok: false; message: string };

/**
 * Tries a key with one list-endpoints call against the configured Novita (no retries: a person is waiting).
 * The message of a failure says what Novita answered, never the key (the client scrubs it from every text).
 */
export async function testNovitaKey(apiKey: string): Promise<KeyTest> {
  const config = getConfig();
  const client = createNovitaClient({
    apiBaseUrl: config.novitaApiBaseUrl,
    jobsBaseUrl: config.novitaJobsBaseUrl,
    apiKey,
    retry: { maxRetries: 0 },
    timeoutMs: 15_000,
  });
  try {
    const endpoints = await client.management.listEndpoints();
    return { ok: true, endpointCount: endpoints.length };
  } catch (error) {
    if (!isNovitaError(error)) throw error;
    if (error.kind === "auth") {
      const why = error.reason ?? error.status ?? "unauthorised";
      return {
        ok: false,
        message:
          `Novita refused this key (${why}): check that you copied the whole key ` +
          "and that it has not been deleted in the Novita console. Nothing was saved.",
      };
    }
    return { ok: false, message: `The key could not be tested: ${error.userMessage} Nothing was saved.` };
  }
}

/** Stores a tested key (sealed) and switches this process to it at once. */
export async function storeNovitaKey(apiKey: string, savedBy: string | null): Promise<StoredKeyInfo> {
  const info = await writeStoredKey(await getDb(), consoleSecret(), apiKey, savedBy);
  switchStoredKey({ apiKey, fingerprint: info.fingerprint });
  forgetEndpointViews();
  // The other replicas read the stored key again within a moment, with no restart.
  await announceChange("stored-key");
  return info;
}

/** Forgets the stored key; the console goes back to its local sandbox (started now if it was not running). */
export async function removeNovitaKey(): Promise<boolean> {
  const removed = await deleteStoredKey(await getDb());
  switchStoredKey(null);
  forgetEndpointViews();
  if (!getConfig().novitaApiKey) await ensureLocalSandbox();
  await announceChange("stored-key");
  return removed;
}

/** Everything the Connection page shows. Fingerprints only. */
export interface ConnectionStatus {
  envKey: { fingerprint: string } | null;
  stored: ({ state: "ok" | "unreadable" } & StoredKeyInfo) | null;
  novitaApiBaseUrl: string;
  novitaJobsBaseUrl: string;
}

export async function connectionStatus(): Promise<ConnectionStatus> {
  const config = getConfig();
  const stored = await readStoredKey(await getDb(), consoleSecret(config));
  return {
    envKey: config.novitaApiKey ? { fingerprint: keyFingerprint(config.novitaApiKey) } : null,
    stored:
      stored.state === "none"
        ? null
        : { state: stored.state, fingerprint: stored.fingerprint, savedAt: stored.savedAt, savedBy: stored.savedBy },
    novitaApiBaseUrl: config.novitaApiBaseUrl,
    novitaJobsBaseUrl: config.novitaJobsBaseUrl,
  };
}
