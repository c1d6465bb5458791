/**
 * The "Novita unreachable" statement every replica sees: one `cluster_leases` row, `novita-unreachable`, whose
 * `holder` carries `{since, reason}` and whose `until` is when the statement lapses unless a failing replica
 * renews it (lib/novita/reachability.ts). Setting and clearing it publish a `novita` event, so every open header
 * changes without a reload.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { clusterLeases } from "@/lib/db/schema";
import { REACHABLE, type Reachability, type ReachabilityStore } from "@/lib/novita/reachability";
import type { EventBus } from "@/lib/tracker/bus";

export const UNREACHABLE_ROW = "novita-unreachable";

function parseHolder(holder: string): Reachability {
  try {
    const parsed = JSON.parse(holder) as { since?: unknown; reason?: unknown };
    if (typeof parsed.since === "string")
      return { unreachableSince: parsed.since, reason: typeof parsed.reason === "string" ? parsed.reason : null };
  } catch {
    // a row written by something else: said as unreachable without details
  }
  return { unreachableSince: null, reason: null };
}

/** The statement as it stands now (REACHABLE when there is none, or it lapsed). */
export async function readReachability(db: Database, now = new Date()): Promise<Reachability> {
  const [row] = await db
    .select({ holder: clusterLeases.holder })
    .from(clusterLeases)
    .where(and(eq(clusterLeases.name, UNREACHABLE_ROW), gt(clusterLeases.until, now)));
  return row ? parseHolder(row.holder) : REACHABLE;
}

export function databaseReachabilityStore(db: () => Promise<Database>, bus: () => EventBus): ReachabilityStore {
  return {
    async markUnreachable(since, reason, until) {
      const now = new Date();
      const holder = JSON.stringify({ since: since.toISOString(), reason });
      // A live statement keeps its `since` (and reason); a lapsed one is replaced.
      const [row] = await (
        await db()
      )
        .insert(clusterLeases)
        .values({ name: UNREACHABLE_ROW, holder, until })
        .onConflictDoUpdate({
          target: clusterLeases.name,
          set: {
            holder: sql`case when ${clusterLeases.until} <= ${now.toISOString()}::timestamptz then excluded.holder else ${clusterLeases.holder} end`,
            until: sql`greatest(${clusterLeases.until}, excluded.until)`,
          },
        })
        .returning({ holder: clusterLeases.holder });
      if (row?.holder === holder)
        await bus().publish({ type: "novita", reachability: { unreachableSince: since.toISOString(), reason } });
    },
    async markReachable() {
      const now = new Date();
      const removed = await (
        await db()
      )
        .delete(clusterLeases)
        .where(eq(clusterLeases.name, UNREACHABLE_ROW))
        .returning({ until: clusterLeases.until });
      if (removed.some((row) => row.until > now)) await bus().publish({ type: "novita", reachability: REACHABLE });
    },
  };
}
