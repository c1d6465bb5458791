/**
 * Faults 4 — Novita down. Jobs queued and running (a sleep endpoint), then the sandbox refuses every connection
 * for BENCH_FAULTS_DOWN_SECONDS (default 60) and comes back. Printed: the status and latency of the pages (/jobs,
 * /endpoints), their APIs and the REST API while down (they must answer, not hang or 500); whether the header says
 * "Novita unreachable since …" (the page's HTML and /api/novita-reachability); what a send while down answered;
 * jobs wrongly failed (must be 0); how long after the upstream is back the header clears and every job reaches its
 * end.
 */
import { WORKER_IMAGES } from "@/e2e/support/endpoints-sandbox";
import { waitForHealthy, type ConsoleServer } from "@/e2e/support/server";
import { jobs } from "@/lib/db/schema";
import { post, settle, sleep, startConsole, verdict, withLedger, type FaultsBench } from "./support";

const DOWN_SECONDS = Number(process.env.BENCH_FAULTS_DOWN_SECONDS ?? 60);
const JOBS = 12;
/** A page or API slower than this while Novita is down counts as hanging. */
const SLOW_MS = 5_000;

interface Probe {
  path: string;
  status: string;
  ms: number;
  body: string;
}

async function probe(console_: ConsoleServer, route: string, headers: Record<string, string>): Promise<Probe> {
  const started = Date.now();
  try {
    const response = await fetch(`${console_.baseURL}${route}`, { headers, signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    return { path: route, status: String(response.status), ms: Date.now() - started, body };
  } catch (error) {
    return { path: route, status: `no answer (${(error as Error).name})`, ms: Date.now() - started, body: "" };
  }
}

export async function down(bench: FaultsBench): Promise<boolean> {
  const { setup, sandbox } = bench;
  const endpointId = await sandbox.createEndpoint("down", { image: WORKER_IMAGES.sleep, minNum: 4, maxNum: 4 });
  const { cookie } = setup;
  await sleep(2_000);
  const console_ = startConsole(setup);
  await waitForHealthy(console_);
  const page = { cookie };
  const rest = { authorization: `Bearer ${setup.token}` };
  console.log(`faults 4: ${JOBS} jobs queued and running, then Novita unreachable for ${DOWN_SECONDS} s`);

  // Long enough to be running and queued when Novita goes away, short enough to finish while it is away.
  const sent = await post(console_, setup.token, "/jobs", {
    endpointId,
    input: { seconds: Math.max(5, Math.round(DOWN_SECONDS / 3)), tag: "down" },
    copies: JOBS,
  });
  await sleep(4_000);
  const before = (await (await fetch(`${console_.baseURL}/api/v1/jobs?q=down`, { headers: rest })).json()) as {
    counts?: Record<string, number>;
  };
  await sandbox.control("POST", "/unreachable", { forMs: DOWN_SECONDS * 1000 });
  const downAt = Date.now();
  const upAt = downAt + DOWN_SECONDS * 1000;

  const probes: Probe[] = [];
  let headerSaidAt: number | undefined;
  let htmlSaid = false;
  let sentWhileDown = "";
  while (Date.now() < upAt - 2_000) {
    for (const route of ["/jobs", "/endpoints", "/api/jobs", "/api/endpoints"])
      probes.push(await probe(console_, route, page));
    probes.push(await probe(console_, "/api/v1/jobs?q=down", rest));
    const state = await probe(console_, "/api/novita-reachability", page);
    if (headerSaidAt === undefined && state.body.includes('"unreachableSince":"')) headerSaidAt = Date.now();
    if (probes.some((entry) => entry.path === "/jobs" && entry.body.includes("Novita unreachable since")))
      htmlSaid = true;
    if (!sentWhileDown && Date.now() - downAt > 10_000)
      sentWhileDown = await post(console_, setup.token, "/jobs", {
        endpointId,
        input: { seconds: 1, tag: "down late" },
      });
    await sleep(3_000);
  }
  // Back: how soon the header clears and every job ends.
  while (Date.now() < upAt) await sleep(200);
  let clearedAt: number | undefined;
  let settledAt: number | undefined;
  while (Date.now() < upAt + 120_000 && (clearedAt === undefined || settledAt === undefined)) {
    const state = await probe(console_, "/api/novita-reachability", page);
    if (clearedAt === undefined && state.body.includes('"unreachableSince":null')) clearedAt = Date.now();
    const counts = (
      (await (await fetch(`${console_.baseURL}/api/v1/jobs?q=down`, { headers: rest })).json()) as {
        counts?: Record<string, number>;
      }
    ).counts;
    if (settledAt === undefined && counts && (counts.queued ?? 0) + (counts.running ?? 0) === 0) settledAt = Date.now();
    await sleep(500);
  }
  await settle(console_, setup.token, "down", 10_000);
  await console_.stop();

  const rows = (await withLedger(setup, ({ db }) => db.select().from(jobs))).filter((row) =>
    JSON.stringify(row.input).includes('"down'),
  );
  const upstream = (
    (await sandbox.control("GET", `/jobs?endpoint=${endpointId}&limit=1000`)) as { id: string; status: string }[]
  ).reduce((map, job) => map.set(job.id, job.status), new Map<string, string>());
  const wronglyFailed = rows.filter(
    (row) => ["FAILED", "UNKNOWN"].includes(row.status) && upstream.get(row.novitaJobId ?? "") !== "FAILED",
  );
  const byPath = new Map<string, Probe[]>();
  for (const entry of probes) byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), entry]);
  // Pages must load (200); an API must answer in time and never 500; an API whose content is Novita's (the
  // endpoints list) may say 502/503 with what went wrong — the page shows that with Retry.
  const bad = probes.filter(
    (entry) =>
      entry.ms > SLOW_MS ||
      (entry.path.startsWith("/api/") ? !/^([234]\d\d|50[23])$/.test(entry.status) : entry.status !== "200"),
  );
  const upstreamErrors = probes.filter((entry) => /^50[23]$/.test(entry.status));

  console.log(`  sent: ${sent}; before the outage: ${JSON.stringify(before.counts)}`);
  for (const [route, entries] of byPath) {
    const statuses = [...new Set(entries.map((entry) => entry.status))].join("/");
    const ms = entries.map((entry) => entry.ms).sort((a, b) => a - b);
    console.log(
      `  while down ${route}: ${entries.length}× HTTP ${statuses}, median ${ms[Math.floor(ms.length / 2)]} ms, max ${ms.at(-1)} ms`,
    );
  }
  const ok = {
    pages: bad.length === 0,
    header: headerSaidAt !== undefined && htmlSaid,
    failed: wronglyFailed.length === 0,
    cleared: clearedAt !== undefined,
    settled: settledAt !== undefined && rows.every((row) => row.finished),
  };
  console.log(
    `  pages 200, APIs not 500, none over ${SLOW_MS} ms: ${probes.length - bad.length}/${probes.length} ` +
      `${verdict(ok.pages)}`,
  );
  if (upstreamErrors[0])
    console.log(
      `  an API that is Novita's answered ${upstreamErrors[0].status}: ${upstreamErrors[0].body.slice(0, 240)}`,
    );
  console.log(
    `  header "Novita unreachable since …": said ${headerSaidAt ? `${((headerSaidAt - downAt) / 1000).toFixed(1)} s` : "never"} ` +
      `after the outage began, in the /jobs HTML ${htmlSaid ? "yes" : "no"} ${verdict(ok.header)}`,
  );
  console.log(`  a send while down answered: ${sentWhileDown}`);
  console.log(
    `  wrongly failed or unknown ${wronglyFailed.length} (must be 0) ${verdict(ok.failed)}; ` +
      `ends: ${JSON.stringify(rows.reduce<Record<string, number>>((counts, row) => ({ ...counts, [row.status]: (counts[row.status] ?? 0) + 1 }), {}))}`,
  );
  console.log(
    `  back: header cleared ${clearedAt ? `${((clearedAt - upAt) / 1000).toFixed(1)} s` : "never"} after, ` +
      `every job at its end ${settledAt ? `${((settledAt - upAt) / 1000).toFixed(1)} s` : "never"} after ` +
      `${verdict(ok.cleared && ok.settled)}`,
  );
  return Object.values(ok).every(Boolean);
}
