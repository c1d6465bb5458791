import "server-only";

import { getConfig, sandboxConnection, type Config, type ConnectionMode } from "@/lib/config";

import { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "./client";

/** One client per process, kept on globalThis so Next's dev reloads do not multiply it. */
const cache = globalThis as typeof globalThis & { __novitaClient?: NovitaClient };

/** `local` (the sandbox) when no NOVITA_API_KEY is set, else `novita`. */
export function connectionMode(): ConnectionMode {
  return getConfig().mode;
}

export function getNovitaClient(): NovitaClient {
  cache.__novitaClient ??= createNovitaClient(connectionOptions(getConfig()));
  return cache.__novitaClient;
}

/** Both modes take the same code path; only the base URLs and the key differ. */
function connectionOptions(config: Config): NovitaClientOptions {
  if (config.mode === "novita" && config.novitaApiKey) {
    return {
      apiBaseUrl: config.novitaApiBaseUrl,
      jobsBaseUrl: config.novitaJobsBaseUrl,
      apiKey: config.novitaApiKey,
    };
  }
  const sandbox = sandboxConnection(config);
  return {
    apiBaseUrl: `${sandbox.origin}/gpu-instance/openapi/v1`,
    jobsBaseUrl: `${sandbox.origin}/v1`,
    apiKey: sandbox.apiKey,
    baseUrlSettings: { api: "SANDBOX_PORT", jobs: "SANDBOX_PORT" },
  };
}
