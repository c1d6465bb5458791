import "server-only";

import type { ConnectionMode } from "@/lib/config";
import { activeConnection } from "@/lib/connection";
import { processSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";

import { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "./client";

/** The process's client and the connection it was built for. */
const CLIENT_KEY = "novita-client";

/** `local` (the sandbox) when no key is set in the environment or stored in Settings, else `novita`. */
export function connectionMode(): ConnectionMode {
  return activeConnection().mode;
}

function identity(options: NovitaClientOptions): string {
  return JSON.stringify([options.apiBaseUrl, options.jobsBaseUrl, options.gpusBaseUrl, options.apiKey]);
}

/**
 * One client per connection, shared by the process's route bundles and dev reloads. When the connection changes (a
 * key stored or removed in Settings), the next call builds a new client: no restart.
 */
export function getNovitaClient(): NovitaClient {
  const { clientOptions } = activeConnection();
  const wanted = identity(clientOptions);
  const build = () => ({ connection: wanted, client: createNovitaClient(clientOptions) });
  let current = processSingleton(CLIENT_KEY, build);
  if (current.connection !== wanted) replaceProcessSingleton(CLIENT_KEY, (current = build()));
  return current.client;
}
