import "server-only";
import { consoleSecret, getConfig, sandboxConnection, type Config, type ConnectionMode } from "@/lib/config";
import { readStoredKey } from "@/lib/custody/store";
import { getDb } from "@/lib/db/client";
import type { NovitaClientOptions } from "@/lib/novita/client";
import { processSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";

/**
 * Which Novita the console talks to, decided per call (not once at startup), so that storing or removing a key in
 * Settings takes effect at once: NOVITA_API_KEY in the environment wins; else the key an admin stored; else the
 * local sandbox. Base URLs of Novita come from the configuration in both Novita cases.
 */
export type ConnectionSource = "env" | "stored" | "sandbox";

export interface ActiveConnection {
  mode: ConnectionMode;
  source: ConnectionSource;
  /** `sk_…abcd` of the key in use (Novita modes only). */
  fingerprint: string | undefined;
  clientOptions: NovitaClientOptions;
}

/** The stored key as this process knows it: loaded at startup, replaced by the Settings actions. */
interface LoadedStoredKey {
  apiKey: string;
  fingerprint: string;
}

const STORED_KEY = "stored-key";

export function resolveConnection(config: Config, stored: LoadedStoredKey | null): ActiveConnection {
  if (config.novitaApiKey) {
    return {
      mode: "novita",
      source: "env",
      fingerprint: undefined,
      clientOptions: novitaOptions(config, config.novitaApiKey),
    };
  }
  if (stored) {
    return {
      mode: "novita",
      source: "stored",
      fingerprint: stored.fingerprint,
      clientOptions: novitaOptions(config, stored.apiKey),
    };
  }
  const sandbox = sandboxConnection(config);
  return {
    mode: "local",
    source: "sandbox",
    fingerprint: undefined,
    clientOptions: {
      apiBaseUrl: `${sandbox.origin}/gpu-instance/openapi/v1`,
      jobsBaseUrl: `${sandbox.origin}/v1`,
      gpusBaseUrl: `${sandbox.origin}/gpus/v2`,
      apiKey: sandbox.apiKey,
      baseUrlSettings: { api: "SANDBOX_PORT", jobs: "SANDBOX_PORT", gpus: "SANDBOX_PORT" },
    },
  };
}

function novitaOptions(config: Config, apiKey: string): NovitaClientOptions {
  return {
    apiBaseUrl: config.novitaApiBaseUrl,
    jobsBaseUrl: config.novitaJobsBaseUrl,
    gpusBaseUrl: config.novitaGpusBaseUrl,
    apiKey,
  };
}

export function activeConnection(): ActiveConnection {
  return resolveConnection(
    getConfig(),
    processSingleton<LoadedStoredKey | null>(STORED_KEY, () => null),
  );
}

/** Tells this process which key is stored now (null: none, or none usable). */
export function switchStoredKey(stored: LoadedStoredKey | null): void {
  replaceProcessSingleton(STORED_KEY, stored);
}

/** Reads the stored key from the database into this process (startup). An unreadable key counts as none. */
export async function loadStoredKey(): Promise<void> {
  const config = getConfig();
  if (config.novitaApiKey) return switchStoredKey(null);
  const stored = await readStoredKey(await getDb(), consoleSecret(config));
  switchStoredKey(stored.state === "ok" ? { apiKey: stored.apiKey, fingerprint: stored.fingerprint } : null);
}

/** What the browser may know about the connection: which Novita and where the key comes from, never the key. */
export interface ConnectionSummary {
  mode: ConnectionMode;
  source: ConnectionSource;
  /** Host of the management API (the sandbox's loopback address in local mode). */
  apiHost: string;
  /** The job gateway's base URL, for the API snippets people copy. */
  jobsBaseUrl: string;
}

export function connectionSummary(): ConnectionSummary {
  const connection = activeConnection();
  if (connection.mode === "local") {
    const { origin } = sandboxConnection(getConfig());
    return { mode: "local", source: "sandbox", apiHost: new URL(origin).host, jobsBaseUrl: `${origin}/v1` };
  }
  return {
    mode: "novita",
    source: connection.source,
    apiHost: new URL(connection.clientOptions.apiBaseUrl).host,
    jobsBaseUrl: connection.clientOptions.jobsBaseUrl,
  };
}
