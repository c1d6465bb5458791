import "server-only";
/**
 * Changes that every replica must take in at once (a key stored or removed in Settings, an endpoint edited, a token
 * revoked): the replica that made the change NOTIFYs its name on the database, and every replica — this one too —
 * runs the handler registered for it at startup (lib/server/startup.ts). One process on PGlite hears itself.
 */
import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { processSingleton } from "@/lib/utils/process-singleton";

const CHANNEL = "console_changes";

export const CLUSTER_CHANGES = ["stored-key", "endpoints", "tokens"] as const;
export type ClusterChange = (typeof CLUSTER_CHANGES)[number];

type Handlers = Partial<Record<ClusterChange, () => unknown>>;

/** Only a server process that listens announces (unit tests that call the services have no cluster to tell). */
const state = processSingleton("cluster-changes-state", () => ({ listening: false }));

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Tells every replica about `change` (best effort: a failure is logged; this replica has already applied it). */
export async function announceChange(change: ClusterChange): Promise<void> {
  if (!state.listening) return;
  try {
    const { db } = await getDatabase();
    await db.execute(sql`select pg_notify(${CHANNEL}, ${change})`);
  } catch (error) {
    logger.warn({ err: describe(error), change }, "could not tell the other replicas");
  }
}

/** Runs `handlers` on each announced change, from any replica; once per process (later calls are ignored). */
export function listenForChanges(handlers: Handlers): Promise<void> {
  return processSingleton("cluster-changes", async () => {
    const database = await getDatabase();
    await database.listen(CHANNEL, (payload) => {
      const handler = handlers[payload as ClusterChange];
      if (!handler) return;
      void Promise.resolve()
        .then(handler)
        .catch((error: unknown) => logger.warn({ err: describe(error), change: payload }, "applying a change"));
    });
    state.listening = true;
  });
}
