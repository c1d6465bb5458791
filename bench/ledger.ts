/**
 * Ledger scale: the queries behind `/api/jobs` (a page and its tab counts) on a big ledger. PGlite with 100,000 jobs
 * by default; `BENCH_LEDGER_ENGINE=postgres` starts a throwaway Postgres (scripts/throwaway-postgres.mjs) with
 * 1,000,000. `BENCH_LEDGER_ROWS`, `BENCH_LEDGER_RUNS` override. Prints p50/p95 per query against the targets
 * (issue 15: pages ≤ 30 ms and word search ≤ 100 ms on Postgres at 1M, everything ≤ 100 ms on PGlite at 100k).
 * `BENCH_LEDGER_URL=postgres://…` uses that database instead (migrated; filled only while its ledger is empty), so
 * repeated runs skip the minutes of seeding a million rows; `BENCH_LEDGER_DATA_DIR` does the same with a PGlite folder.
 */
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { countJobsByGroup } from "@/lib/jobs/counts";
import { listJobs, type JobFilters } from "@/lib/jobs/ledger";
import { findPostgresBinaries, startThrowawayPostgres } from "@/scripts/throwaway-postgres.mjs";
import { percentile } from "./support";

const URL = process.env.BENCH_LEDGER_URL;
const ENGINE = URL || process.env.BENCH_LEDGER_ENGINE === "postgres" ? "postgres" : "pglite";
const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? (ENGINE === "postgres" ? 1_000_000 : 100_000));
const RUNS = Number(process.env.BENCH_LEDGER_RUNS ?? 30);
const TARGET = { page: ENGINE === "postgres" ? 30 : 100, search: 100 };
const BATCH = 50_000;
const WORDS = "apple lighthouse forest portrait city ocean mountain robot cat castle desert garden".split(" ");
const STATUSES = ["COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "CANCELLED", "IN_QUEUE", "IN_PROGRESS", "EXPIRED"];
const ENDPOINTS = ["ep-alpha", "ep-beta", "ep-gamma", "ep-delta"];

async function time(run: () => Promise<unknown>) {
  const samples: number[] = [];
  await run(); // warm-up
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/**
 * Jobs `from`…`to` in one `INSERT … SELECT generate_series` (the counters' statement trigger runs once per batch):
 * a ComfyUI-like input whose prompt cycles through WORDS (search_text as lib/jobs/search-text.ts writes it), every
 * 200th input with a 16 KiB image string, an output on completed jobs, one job a second; endpoint and status
 * independent.
 */
function fillBatch(from: number, to: number, start: Date) {
  const words = sql.raw(`array[${WORDS.map((word) => `'${word}'`).join(",")}]`);
  const statuses = sql.raw(`array[${STATUSES.map((status) => `'${status}'`).join(",")}]`);
  const endpoints = sql.raw(`array[${ENDPOINTS.map((endpoint) => `'${endpoint}'`).join(",")}]`);
  return sql`
    insert into jobs (id, novita_job_id, endpoint_id, route_name, status, finished, input, search_text, output,
                      submitted_at, last_changed_at)
    select md5('job' || n)::uuid::text, md5('novita' || n)::uuid::text, endpoint, endpoint, status,
           status not in ('IN_QUEUE', 'IN_PROGRESS'),
           jsonb_build_object('workflow', jsonb_build_object(
             '6', jsonb_build_object('class_type', 'CLIPTextEncode', 'inputs', jsonb_build_object('text', prompt)),
             '3', jsonb_build_object('class_type', 'KSampler', 'inputs', jsonb_build_object('seed', n, 'steps', 20)),
             '9', jsonb_build_object('image', case when n % 200 = 0 then repeat(md5(n::text), 512) else 'none.png' end))),
           lower('KSampler CLIPTextEncode ' || prompt) || case when n % 200 = 0 then '' else ' none.png' end,
           case when status = 'COMPLETED' then jsonb_build_object('images', jsonb_build_array(
             jsonb_build_object('image_url', 'https://example.com/out/' || n || '.png'))) end,
           at, at
    from (
      select n, (${endpoints})[n % 4 + 1] as endpoint, (${statuses})[n / 4 % 8 + 1] as status,
             'a ' || (${words})[n % 12 + 1] || ' in the style of ' || (${words})[(n * 7) % 12 + 1] || ' #' || n as prompt,
             ${start.toISOString()}::timestamptz + n * interval '1 second' as at
      from generate_series(${from}::int, ${to}::int) as n
    ) as generated`;
}

async function open(): Promise<{ database: DatabaseHandle; stop: () => Promise<void> }> {
  if (ENGINE === "pglite") {
    const database = await openDatabase({ engine: "pglite", dataDir: process.env.BENCH_LEDGER_DATA_DIR || undefined });
    return { database, stop: () => database.close() };
  }
  if (URL) {
    const database = await openDatabase({ engine: "postgres", url: URL });
    return { database, stop: () => database.close() };
  }
  const bin = findPostgresBinaries();
  if (!bin) throw new Error("PostgreSQL binaries not found (apt-get install postgresql)");
  const server = await startThrowawayPostgres(bin);
  const database = await openDatabase({ engine: "postgres", url: server.url });
  return {
    database,
    stop: async () => {
      await database.close();
      await server.stop();
    },
  };
}

async function main() {
  const { database, stop } = await open();
  const { db } = database;
  const start = new Date(Date.now() - ROWS * 1000);
  const fill = performance.now();
  const filled = (await countJobsByGroup(db, {})).all.count > 0; // BENCH_LEDGER_URL: seeded by an earlier run
  if (!filled)
    for (let offset = 0; offset < ROWS; offset += BATCH)
      await db.execute(fillBatch(offset, Math.min(offset + BATCH, ROWS) - 1, start));
  await db.execute(sql`vacuum analyze jobs`); // what autovacuum does after a bulk load
  const rows = (await countJobsByGroup(db, {})).all.count;
  const fillSeconds = ((performance.now() - fill) / 1000).toFixed(1);
  console.log(`ledger bench: ${rows} jobs in ${ENGINE} (filled in ${fillSeconds} s), ${RUNS} runs per query`);

  const page = (filters: JobFilters, group?: JobFilters["group"]) => () =>
    Promise.all([listJobs(db, { ...filters, group }, { limit: 50 }), countJobsByGroup(db, filters)]);
  const second = await listJobs(db, {}, { limit: 50 });
  const cases: [string, () => Promise<unknown>, number][] = [
    ["first page (+ tab counts)", page({}), TARGET.page],
    ["next page (keyset)", () => listJobs(db, {}, { cursor: second.nextCursor, limit: 50 }), TARGET.page],
    ["failed tab", page({}, "failed"), TARGET.page],
    ["endpoint filter", page({ endpointId: "ep-beta" }), TARGET.page],
    ["endpoint + failed tab", page({ endpointId: "ep-beta" }, "failed"), TARGET.page],
    ["tab counts alone (counters)", () => countJobsByGroup(db, {}), TARGET.page],
    ["search, common ('Lighthouse in')", page({ search: "Lighthouse in" }), TARGET.search],
    ["search, rare ('#42424')", page({ search: "#42424" }), TARGET.search],
    ["search + failed tab ('castle')", page({ search: "castle" }, "failed"), TARGET.search],
    ["tab counts alone (bounded, 'castle')", () => countJobsByGroup(db, { search: "castle" }), TARGET.search],
  ];
  for (const [name, run, target] of cases) {
    const { p50, p95 } = await time(run);
    const verdict = p95 <= target ? `PASS (p95 ≤ ${target} ms)` : `MISS (p95 over ${target} ms)`;
    console.log(
      `  ${name.padEnd(38)} p50 ${p50.toFixed(1).padStart(6)} ms, p95 ${p95.toFixed(1).padStart(6)} ms ${verdict}`,
    );
  }
  await stop();
}

void main();
