import "server-only";

import type { ConnectionMode } from "@/lib/config";
import { activeConnection } from "@/lib/connection";

import { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "./client";

/**
 * One client per connection, kept on globalThis so Next's dev reloads and server bundles share it. When the
 * connection changes (a key stored or removed in Settings), the next call builds a new client: no restart.
 */
const cache = globalThis as typeof globalThis & { __novitaClient?: NovitaClient; __novitaClientFor?: string };

/** `local` (the sandbox) when no key is set in the environment or stored in Settings, else `novita`. */
export function connectionMode(): ConnectionMode {
  return activeConnection().mode;
}

function identity(options: NovitaClientOptions): string {
  return JSON.stringify([options.apiBaseUrl, options.jobsBaseUrl, options.gpusBaseUrl, options.apiKey]);
}

export function getNovitaClient(): NovitaClient {
  const { clientOptions } = activeConnection();
  const wanted = identity(clientOptions);
  if (!cache.__novitaClient || cache.__novitaClientFor !== wanted) {
    cache.__novitaClient = createNovitaClient(clientOptions);
    cache.__novitaClientFor = wanted;
  }
  return cache.__novitaClient;
}
