/**
 * Cluster-wide leases in the `cluster_leases` table: work that must happen once per interval for the whole cluster
 * (health sampling, compaction) is done by the replica holding its lease; when that replica stops renewing, the
 * lease lapses and another takes it over. The same table holds cluster-wide pauses (a Novita 429 silences every
 * replica's tracker until `Retry-After`). Works the same on PGlite (one process) and Postgres (many).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, gt, like, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { clusterLeases } from "@/lib/db/schema";
import { processSingleton } from "@/lib/utils/process-singleton";

/** The pause every replica honours after Novita answered 429 (its Retry-After): polls and sends alike. */
export const NOVITA_PAUSE = "novita-429";

/** This process's name in lease rows: host, pid and a random suffix (a restarted process is a new holder). */
export function replicaId(): string {
  return processSingleton("replica-id", () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
}

/**
 * Takes or renews the lease `name` for `holder` until `now + ms`; true when `holder` holds it now. A lease held by
 * another replica is taken only once it has lapsed. One statement, so two replicas can never both win.
 */
export async function holdLease(db: Database, name: string, holder: string, ms: number, now = new Date()) {
  const until = new Date(now.getTime() + ms);
  const rows = await db
    .insert(clusterLeases)
    .values({ name, holder, until })
    .onConflictDoUpdate({
      target: clusterLeases.name,
      set: { holder, until },
      where: sql`${clusterLeases.until} <= ${now.toISOString()}::timestamptz or ${clusterLeases.holder} = ${holder}`,
    })
    .returning({ holder: clusterLeases.holder });
  return rows.length === 1;
}

/** Gives a lease back (a replica shutting down), so another takes the work at once instead of after it lapses. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.delete(clusterLeases).where(and(eq(clusterLeases.name, name), eq(clusterLeases.holder, holder)));
}

/** Sets a cluster-wide pause `name` until `until` (a later pause already set is kept). */
export async function pauseCluster(db: Database, name: string, until: Date): Promise<void> {
  await db
    .insert(clusterLeases)
    .values({ name, holder: "cluster", until })
    .onConflictDoUpdate({
      target: clusterLeases.name,
      set: { until: sql`greatest(${clusterLeases.until}, excluded.until)` },
    });
}

/** When the pause `name` ends; undefined when there is none (or it has ended). */
export async function clusterPausedUntil(db: Database, name: string, now = new Date()): Promise<Date | undefined> {
  const [row] = await db.select({ until: clusterLeases.until }).from(clusterLeases).where(eq(clusterLeases.name, name));
  return row && row.until > now ? row.until : undefined;
}

/** Whether any replica holds a lease whose name starts with `prefix` now (e.g. "some replica has watchers"). */
export async function anyLeaseHeld(db: Database, prefix: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .select({ name: clusterLeases.name })
    .from(clusterLeases)
    .where(and(like(clusterLeases.name, `${prefix}%`), gt(clusterLeases.until, now)))
    .limit(1);
  return rows.length > 0;
}
