/**
 * Ledger scale: 100,000 jobs in PGlite; the three queries behind `/api/jobs` (first page, a filtered page, a text
 * search), each with the tab counts the route also computes. Prints p50/p95 per query and the row count.
 */
import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { openDatabase } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { countJobsByGroup, listJobs, type JobFilters } from "@/lib/jobs/ledger";
import { inputSearchText } from "@/lib/jobs/search-text";
import { percentile } from "./support";

const ROWS = Number(process.env.BENCH_LEDGER_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_LEDGER_RUNS ?? 30);
const WORDS = [
  "apple",
  "lighthouse",
  "forest",
  "portrait",
  "city",
  "ocean",
  "mountain",
  "robot",
  "cat",
  "castle",
  "desert",
  "garden",
];
const STATUSES = ["COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "CANCELLED", "IN_QUEUE", "IN_PROGRESS", "EXPIRED"];

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

async function main() {
  const database = await openDatabase({ engine: "pglite", dataDir: undefined });
  const { db } = database;
  const endpoints = ["ep-alpha", "ep-beta", "ep-gamma", "ep-delta"];
  const start = Date.now() - ROWS * 1000;
  const fill = performance.now();
  for (let offset = 0; offset < ROWS; offset += 1000) {
    const batch = Array.from({ length: Math.min(1000, ROWS - offset) }, (_, index) => {
      const n = offset + index;
      const status = STATUSES[n % STATUSES.length]!;
      const prompt = `a ${WORDS[n % WORDS.length]} in the style of ${WORDS[(n * 7) % WORDS.length]} #${n}`;
      const input = {
        workflow: {
          "6": { class_type: "CLIPTextEncode", inputs: { text: prompt } },
          "3": { class_type: "KSampler", inputs: { seed: n, steps: 20 } },
        },
      };
      return {
        id: randomUUID(),
        novitaJobId: randomUUID(),
        endpointId: endpoints[n % endpoints.length]!,
        routeName: endpoints[n % endpoints.length]!,
        status,
        finished: !["IN_QUEUE", "IN_PROGRESS"].includes(status),
        input,
        searchText: inputSearchText(input),
        submittedAt: new Date(start + n * 1000),
        lastChangedAt: new Date(start + n * 1000),
      };
    });
    await db.insert(jobs).values(batch);
  }
  const [{ value: rows } = { value: 0 }] = await db.select({ value: count() }).from(jobs);
  const fillSeconds = ((performance.now() - fill) / 1000).toFixed(1);
  console.log(`ledger bench: ${rows} jobs in PGlite (filled in ${fillSeconds} s), ${RUNS} runs per query`);

  const page = (filters: JobFilters, group?: JobFilters["group"]) => () =>
    Promise.all([listJobs(db, { ...filters, group }, { limit: 50 }), countJobsByGroup(db, filters)]);
  const results = {
    "first page": await time(page({})),
    "filtered (endpoint + failed tab)": await time(page({ endpointId: "ep-beta" }, "failed")),
    "text search, common ('Lighthouse in')": await time(page({ search: "Lighthouse in" })),
    "text search, rare ('#42424')": await time(page({ search: "#42424" })),
  };
  for (const [name, { p50, p95 }] of Object.entries(results)) {
    const verdict = p95 <= 100 ? "(≤ 100 ms target)" : "(OVER the 100 ms target)";
    console.log(`  ${name.padEnd(34)} p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ${verdict}`);
  }
  await database.close();
}

void main();
