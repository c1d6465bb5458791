/**
 * What "0 changed rows" means: every table's row count and a checksum of its content, read with the console
 * stopped (PGlite is one process's), before and after the fuzzing. A few columns and rows change without any input
 * being accepted; they are left out of the checksum, each for the reason given in `EXCLUDED` (docs/reliability.md).
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/lib/db/client";

interface Exclusion {
  /** Columns left out of the table's checksum. */
  columns?: string[];
  /** Rows left out of the table's count and checksum (a SQL condition on the row `t`). */
  rowsWhere?: string;
  /** Leaves the whole table out. */
  whole?: boolean;
  why: string;
}

export const EXCLUDED: Record<string, Exclusion> = {
  api_tokens: {
    columns: ["last_request", "request_count", "remaining", "last_refill_at", "updated_at"],
    why: "better-auth's API-key plugin counts every use of a token (a read as much as a write)",
  },
  sessions: {
    columns: ["expires_at", "updated_at"],
    why: "better-auth slides a session's expiry forward when it is used",
  },
  cluster_leases: {
    whole: true,
    why: "each console process takes and renews its background leases (the tracker, its live watchers) on a timer",
  },
  health_samples: {
    whole: true,
    why: "the tracker samples every endpoint's health on a timer (bench:faults gives the sandbox an endpoint)",
  },
  live_events: {
    whole: true,
    why: "the live-event log the tracker appends to with every health sample; a bus, not data (jobs are checked)",
  },
  endpoint_records: {
    columns: ["job_route_name_learned", "job_route_name_learned_at", "created_at", "updated_at"],
    rowsWhere: "t.created_by is null and t.job_route_name_override is null",
    why: "the job route name the gateway last answered to is a cache the console learns while calling Novita",
  },
  audit_log: {
    rowsWhere: "t.result = 'failed'",
    why: "a refused operation that got past validation (e.g. an unknown id) is audited as failed by design",
  },
};

export type Snapshot = Record<string, { rows: number; checksum: string }>;

export async function snapshot(dataDir: string): Promise<Snapshot> {
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    const tables = (await handle.db.execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )) as unknown as { name: string }[] | { rows: { name: string }[] };
    const names = (Array.isArray(tables) ? tables : tables.rows).map((row) => row.name);
    const result: Snapshot = {};
    for (const name of names) {
      const exclusion = EXCLUDED[name];
      if (exclusion?.whole) continue;
      const minus = (exclusion?.columns ?? []).map((column) => ` - '${column}'`).join("");
      const where = exclusion?.rowsWhere ? `where not (${exclusion.rowsWhere})` : "";
      const query = `select count(*)::int as rows, md5(coalesce(string_agg(r, E'\\n' order by r), '')) as checksum
        from (select (to_jsonb(t)${minus})::text as r from "${name}" t ${where}) s`;
      const answer = (await handle.db.execute(sql.raw(query))) as unknown as
        { rows: number; checksum: string }[] | { rows: { rows: number; checksum: string }[] };
      result[name] = (Array.isArray(answer) ? answer : answer.rows)[0]!;
    }
    return result;
  } finally {
    await handle.close();
  }
}

/** The tables whose rows or content differ, as `table: rows a → b` lines. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map((name) => `${name}: rows ${before[name]?.rows ?? "none"} → ${after[name]?.rows ?? "none"} (content differs)`);
}
