/**
 * Faults 5 — database trouble.
 * 5a. Postgres restarted mid-run: a console on a throwaway Postgres, jobs queued upstream, then Postgres shut down
 *     for DOWN_S seconds (the jobs finish upstream meanwhile) and started again on the same data. Pages and APIs are
 *     probed all along: while it is down they must answer 503 (not 500, not hang); afterwards the console reconnects
 *     by itself and every job reaches its end. Printed: answers by phase, 5xx other than 503 (must be 0), hangs
 *     (must be 0), seconds to reconnect, lost (must be 0).
 * 5b. PGlite killed mid-write: SIGKILL during three 50-copy sends on PGlite, then a restart on the same DATA_DIR must
 *     open the database cleanly and finish what was recorded. Printed: reopened, seconds to healthy, lost.
 * Knobs (env): BENCH_FAULTS_DB_DOWN_SECONDS (default 15); BENCH_FAULTS_LOG=<file> keeps 5a's console output there.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { jobs } from "@/lib/db/schema";
import { findPostgresBinaries, startThrowawayPostgres } from "@/scripts/throwaway-postgres.mjs";
import { waitForHealthy, type ConsoleServer } from "@/e2e/support/server";
import {
  CONSOLE_PORT,
  killConsole,
  post,
  seed,
  settle,
  sleep,
  startConsole,
  verdict,
  withLedger,
  type FaultsBench,
} from "./support";

const DOWN_S = Number(process.env.BENCH_FAULTS_DB_DOWN_SECONDS ?? 15);
const HANG_MS = 10_000;

interface Probe {
  phase: string;
  url: string;
  answer: string;
}

/** Asks each door every 250 ms until stopped; an answer is its status, "hang" past HANG_MS, or "no answer". */
function probeDoors(console_: ConsoleServer, token: string, cookie: string, phase: () => string) {
  const doors: { url: string; headers: Record<string, string> }[] = [
    { url: "/api/health", headers: {} },
    { url: "/api/v1/jobs", headers: { authorization: `Bearer ${token}` } },
    { url: "/api/jobs", headers: { cookie } },
    { url: "/api/endpoints", headers: { cookie } },
    { url: "/jobs", headers: { cookie } },
    { url: "/endpoints", headers: { cookie } },
  ];
  const probes: Probe[] = [];
  let running = true;
  const loops = doors.map(async (door) => {
    while (running) {
      const at = phase();
      const answer = await fetch(`${console_.baseURL}${door.url}`, {
        headers: door.headers,
        redirect: "manual",
        signal: AbortSignal.timeout(HANG_MS),
      }).then(
        async (response) => (await response.arrayBuffer(), String(response.status)),
        (error: unknown) => (error instanceof Error && error.name === "TimeoutError" ? "hang" : "no answer"),
      );
      probes.push({ phase: at, url: door.url, answer });
      await sleep(250);
    }
  });
  return {
    probes,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

function tally(probes: Probe[], phase: string, url?: string): string {
  const counts = new Map<string, number>();
  for (const probe of probes.filter((candidate) => candidate.phase === phase && (!url || candidate.url === url)))
    counts.set(probe.answer, (counts.get(probe.answer) ?? 0) + 1);
  return [...counts.entries()]
    .sort()
    .map(([answer, count]) => `${answer}×${count}`)
    .join(" ");
}

async function postgresRestart({ sandbox, endpointId }: FaultsBench): Promise<boolean> {
  const bin = findPostgresBinaries();
  if (!bin) {
    console.log("faults 5a — SKIPPED: no PostgreSQL binaries (apt-get install postgresql)");
    return true;
  }
  const database = await startThrowawayPostgres(bin);
  const dataDir = mkdtempSync(path.join(tmpdir(), "faults-db-"));
  let console_: ConsoleServer | undefined;
  try {
    const setup = await seed(dataDir, database.url);
    console_ = startConsole(setup, { DATABASE_URL: database.url });
    await waitForHealthy(console_);
    let phase = "before";
    const probing = probeDoors(console_, setup.token, setup.cookie, () => phase);
    await sandbox.control("POST", "/workers/pause", { endpointId });
    const sent = await post(console_, setup.token, "/jobs", {
      endpointId,
      input: { prompt: "db-restart job" },
      copies: 40,
    });
    await sleep(2_000);

    phase = "down";
    await database.stopServer("fast");
    const downAt = Date.now();
    await sandbox.control("POST", "/workers/resume", { endpointId });
    await sleep(1_000);
    const sentWhileDown = await post(console_, setup.token, "/jobs", {
      endpointId,
      input: { prompt: "db-restart while down" },
    });
    await sleep(Math.max(0, DOWN_S * 1000 - (Date.now() - downAt)));
    const logBefore = console_.output().length;

    // Between Postgres taking connections again and the console's probe (every 1 s) seeing it, 503 is still right.
    phase = "recovering";
    await database.startServer();
    const upAt = Date.now();
    let reconnectS = Number.NaN;
    while (Date.now() - upAt < 60_000) {
      const health = await fetch(`${console_.baseURL}/api/v1/jobs`, {
        headers: { authorization: `Bearer ${setup.token}` },
      }).catch(() => undefined);
      if (health?.ok) {
        reconnectS = (Date.now() - upAt) / 1000;
        phase = "after";
        break;
      }
      await sleep(200);
    }
    await settle(console_, setup.token, "db-restart", 90_000);
    await sleep(1_000);
    await probing.stop();
    await console_.stop();
    const downLog = console_.output().slice(0, logBefore).split("\n").length;
    if (process.env.BENCH_FAULTS_LOG) writeFileSync(process.env.BENCH_FAULTS_LOG, console_.output());

    const handle = await openDatabase({ engine: "postgres", url: database.url });
    const rows = (await handle.db.select().from(jobs)).filter((row) =>
      JSON.stringify(row.input).includes("db-restart"),
    );
    await handle.close();
    const lost = rows.filter((row) => !row.finished).length;
    const completed = rows.filter((row) => row.status === "COMPLETED").length;
    const downProbes = probing.probes.filter((probe) => probe.phase === "down");
    const bad = downProbes.filter((probe) => /^5/.test(probe.answer) && probe.answer !== "503").length;
    const hangs = probing.probes.filter((probe) => probe.answer === "hang").length;
    const badAfter = probing.probes.filter(
      (probe) => (probe.phase === "before" || probe.phase === "after") && /^5/.test(probe.answer),
    ).length;

    console.log(`faults 5a — Postgres shut down for ${DOWN_S} s mid-run, then started again`);
    console.log(`  send before: ${sent}; send while down: ${sentWhileDown} (must be 503)`);
    for (const name of ["before", "down", "recovering", "after"])
      console.log(`  answers ${name}: ${tally(probing.probes, name)}`);
    const doors = [...new Set(probing.probes.map((probe) => probe.url))];
    console.log(
      `  while down, per door: ${doors.map((url) => `${url} ${tally(probing.probes, "down", url)}`).join("; ")}`,
    );
    console.log(
      `  while down: 5xx other than 503 ${bad} (must be 0) ${verdict(bad === 0)}, hangs over ${HANG_MS / 1000} s ` +
        `${hangs} (must be 0) ${verdict(hangs === 0)}; errors outside the outage ${badAfter} (must be 0) ` +
        `${verdict(badAfter === 0)}; console log lines up to the restart: ${downLog}`,
    );
    console.log(
      `  reconnected ${Number.isNaN(reconnectS) ? "never" : `${reconnectS.toFixed(1)} s`} after Postgres was back ` +
        `${verdict(!Number.isNaN(reconnectS))}; requested 40 (and 1 refused with 503 while down, which records ` +
        `nothing), recorded ${rows.length}, completed ${completed}, ` +
        `lost ${lost} (must be 0) ${verdict(lost === 0)}`,
    );
    return (
      bad === 0 &&
      hangs === 0 &&
      badAfter === 0 &&
      !Number.isNaN(reconnectS) &&
      lost === 0 &&
      sentWhileDown === "HTTP 503"
    );
  } finally {
    await console_?.stop();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pgliteKill({ setup, sandbox, endpointId }: FaultsBench): Promise<boolean> {
  let console_ = startConsole(setup);
  await waitForHealthy(console_);
  // Run calls of 40 ms keep the console writing (each answer is a transaction) when the kill lands.
  await sandbox.control("POST", "/faults", { operation: "jobs.run", mode: "slow", hangMs: 40, count: 10_000 });
  const runCalls = async () =>
    ((await sandbox.control("GET", "/state")) as { requests?: Record<string, number> }).requests?.["jobs.run"] ?? 0;
  const before = await runCalls();
  const sends = Promise.all(
    [0, 1, 2].map((batch) =>
      post(console_, setup.token, "/jobs", { endpointId, input: { prompt: `pglite-kill ${batch}` }, copies: 50 }),
    ),
  );
  // Killed once Novita has had a few run calls: the sends are recorded and their answers are being written.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await runCalls()) - before < 20) await sleep(20);
  killConsole(console_);
  await sends;
  await console_.stop();
  await sandbox.control("DELETE", "/faults");
  const restarted = Date.now();
  console_ = startConsole(setup);
  let reopened = true;
  try {
    await waitForHealthy(console_);
  } catch (error) {
    reopened = false;
    console.log(`  the restart failed: ${error instanceof Error ? error.message.slice(0, 600) : String(error)}`);
  }
  const healthyS = (Date.now() - restarted) / 1000;
  if (reopened) await settle(console_, setup.token, "pglite-kill");
  // Sends cut off mid-call become "outcome unknown" when their 30 s lease runs out.
  if (reopened) await sleep(33_000);
  await console_.stop();
  const rows = await withLedger(setup, async ({ db }) =>
    (await db.select().from(jobs)).filter((row) => JSON.stringify(row.input).includes("pglite-kill")),
  );
  const lost = rows.filter((row) => !row.finished).length;
  console.log(`faults 5b — PGlite killed during three 50-copy sends (port ${CONSOLE_PORT}), restarted on its data`);
  console.log(
    `  reopened cleanly ${reopened ? "yes" : "no"} ${verdict(reopened)} (healthy ${healthyS.toFixed(1)} s after the ` +
      `restart); recorded ${rows.length}, completed ${rows.filter((row) => row.status === "COMPLETED").length}, ` +
      `unknown ${rows.filter((row) => row.status === "UNKNOWN").length}, lost ${lost} (must be 0) ${verdict(lost === 0)}`,
  );
  return reopened && lost === 0;
}

export async function dbTrouble(bench: FaultsBench): Promise<boolean> {
  const restart = await postgresRestart(bench);
  const kill = await pgliteKill(bench);
  return restart && kill;
}
