import "server-only";

import { databaseReachabilityStore, readReachability } from "@/lib/cluster/novita-reachability";
import type { ConnectionMode } from "@/lib/config";
import { activeConnection } from "@/lib/connection";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { getEventBus } from "@/lib/tracker/bus";
import { processSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";

import { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "./client";
import { REACHABLE, ReachabilityMonitor, type Reachability } from "./reachability";

/** The process's client and the connection it was built for. */
const CLIENT_KEY = "novita-client";

/** `local` (the sandbox) when no key is set in the environment or stored in Settings, else `novita`. */
export function connectionMode(): ConnectionMode {
  return activeConnection().mode;
}

function identity(options: NovitaClientOptions): string {
  return JSON.stringify([options.apiBaseUrl, options.jobsBaseUrl, options.gpusBaseUrl, options.apiKey]);
}

/** This process's view of whether Novita answers, told by every attempt of every client it builds. */
export function reachabilityMonitor(): ReachabilityMonitor {
  return processSingleton(
    "novita-reachability",
    () =>
      new ReachabilityMonitor(databaseReachabilityStore(getDb, getEventBus), {
        onError: (error) =>
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, "novita reachability"),
      }),
  );
}

/** The cluster's "Novita unreachable" statement now, for the header (a database that cannot say: reachable). */
export async function currentReachability(): Promise<Reachability> {
  try {
    return await readReachability(await getDb());
  } catch {
    return REACHABLE;
  }
}

/**
 * One client per connection, shared by the process's route bundles and dev reloads. When the connection changes (a
 * key stored or removed in Settings), the next call builds a new client: no restart.
 */
export function getNovitaClient(): NovitaClient {
  const { clientOptions } = activeConnection();
  const wanted = identity(clientOptions);
  const onAttempt = reachabilityMonitor().record.bind(reachabilityMonitor());
  const build = () => ({ connection: wanted, client: createNovitaClient({ ...clientOptions, onAttempt }) });
  let current = processSingleton(CLIENT_KEY, build);
  if (current.connection !== wanted) replaceProcessSingleton(CLIENT_KEY, (current = build()));
  return current.client;
}
