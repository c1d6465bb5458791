/**
 * Faults 3 — a flaky upstream. ~100 jobs (a sleep endpoint, 1–3 s each) are sent while 20 % of every Novita call
 * fails — 500, connection reset, a hang past the client's timeout, 429 with Retry-After, picked at random
 * (the sandbox's `mix` fault) — then the faults stop and every job is waited for. Printed: requested, completed,
 * failed, unknown (each must be an ambiguous run: a reset, a hang or a 5xx struck its run call), lost (recorded,
 * never finished: must be 0), wrongly failed (Novita completed it, the ledger says failed: must be 0), wrong end
 * (ledger and Novita disagree on a finished job), sent twice, status calls per job, the longest delay between
 * Novita finishing a job and the ledger recording it, and the bounds on retries.
 * Knobs (env): BENCH_FAULTS_FLAKY_JOBS (default 100), BENCH_FAULTS_FLAKY_RATE (default 0.2).
 */
import { WORKER_IMAGES } from "@/e2e/support/endpoints-sandbox";
import { waitForHealthy } from "@/e2e/support/server";
import { jobEvents, jobs } from "@/lib/db/schema";
import { post, settle, sleep, startConsole, verdict, withLedger, type FaultsBench } from "./support";

const JOBS = Number(process.env.BENCH_FAULTS_FLAKY_JOBS ?? 100);
const RATE = Number(process.env.BENCH_FAULTS_FLAKY_RATE ?? 0.2);
const COPIES_PER_SEND = 5;
/** The client's attempts per call (lib/novita/retry.ts: 1 + 3 retries for GETs). */
const ATTEMPTS_PER_CALL = 4;

interface SandboxJob {
  id: string;
  status: string;
  input: unknown;
  finishedAt: number | null;
}
interface SandboxState {
  requests: Record<string, number>;
  struck: Record<string, Record<string, number>>;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function flaky(bench: FaultsBench): Promise<boolean> {
  const { setup, sandbox } = bench;
  const endpointId = await sandbox.createEndpoint("flaky", { image: WORKER_IMAGES.sleep, minNum: 8, maxNum: 8 });
  await sleep(2_000);
  const console_ = startConsole(setup);
  await waitForHealthy(console_);
  const before = (await sandbox.control("GET", "/state")) as SandboxState;
  await sandbox.control("POST", "/faults", {
    operation: "*",
    mode: "mix",
    probability: RATE,
    retryAfterSeconds: 1,
    hangMs: 20_000,
  });
  console.log(`faults 3: ${JOBS} jobs while ${RATE * 100} % of all Novita calls fail (500 / reset / hang / 429)`);

  // A client that was told "no" (an error answer) tries again, up to 5 times: nothing was recorded for it.
  const started = Date.now();
  const answers: string[] = [];
  let accepted = 0;
  const sends = Array.from({ length: Math.ceil(JOBS / COPIES_PER_SEND) }, (_, index) => index);
  await Promise.all(
    [0, 1, 2, 3].map(async (lane) => {
      for (const index of sends.filter((candidate) => candidate % 4 === lane)) {
        const body = {
          endpointId,
          input: { seconds: 1 + (index % 3), tag: `flaky ${index}` },
          copies: COPIES_PER_SEND,
        };
        for (let attempt = 1; attempt <= 5; attempt += 1) {
          const answer = await post(console_, setup.token, "/jobs", body);
          answers.push(answer);
          if (/^HTTP 2/.test(answer)) {
            accepted += COPIES_PER_SEND;
            break;
          }
          await sleep(1_000);
        }
      }
    }),
  );
  const sentInMs = Date.now() - started;
  await settle(console_, setup.token, "flaky", 300_000);
  const settledInMs = Date.now() - started;
  await sandbox.control("DELETE", "/faults");
  // A send claimed but never answered turns "outcome unknown" when its lease (30 s) ends; a hang answers in 15 s.
  await settle(console_, setup.token, "flaky", 60_000);
  await console_.stop();

  const ledger = await withLedger(setup, async ({ db }) => ({
    rows: await db.select().from(jobs),
    events: await db.select().from(jobEvents),
  }));
  const rows = ledger.rows.filter((row) => JSON.stringify(row.input).includes("flaky"));
  const upstream = ((await sandbox.control("GET", `/jobs?endpoint=${endpointId}&limit=10000`)) as SandboxJob[]).filter(
    (job) => JSON.stringify(job.input).includes("flaky"),
  );
  const state = (await sandbox.control("GET", "/state")) as SandboxState;
  const statusCalls = (await sandbox.control("GET", "/status-calls")) as Record<string, { calls: number }>;
  const byNovitaId = new Map(upstream.map((job) => [job.id, job]));

  const count = (status: string) => rows.filter((row) => row.status === status).length;
  const lost = rows.filter((row) => !row.finished).length;
  const linked = rows.filter((row) => row.novitaJobId && byNovitaId.has(row.novitaJobId));
  const wronglyFailed = linked.filter(
    (row) => row.status === "FAILED" && byNovitaId.get(row.novitaJobId!)!.status === "COMPLETED",
  ).length;
  const wrongEnd = linked.filter((row) => row.finished && row.status !== byNovitaId.get(row.novitaJobId!)!.status);
  const unknown = count("UNKNOWN");
  const sentTwice = Math.max(0, upstream.length - linked.length - unknown);
  const runStruck = state.struck["jobs.run"] ?? {};
  const ambiguousRuns = (runStruck.drop ?? 0) + (runStruck.hang ?? 0) + (runStruck.error500 ?? 0);
  const cleanRefusals = runStruck.rate_limit ?? 0;
  const runCalls = (state.requests["jobs.run"] ?? 0) - (before.requests["jobs.run"] ?? 0);

  const perJob = linked.map((row) => ({
    row,
    calls: statusCalls[row.novitaJobId!]?.calls ?? 0,
    lifeSeconds: ((row.finishedAt?.getTime() ?? Date.now()) - row.submittedAt.getTime()) / 1000,
    delayMs:
      row.finishedAt && byNovitaId.get(row.novitaJobId!)!.finishedAt
        ? row.finishedAt.getTime() - byNovitaId.get(row.novitaJobId!)!.finishedAt!
        : 0,
  }));
  const calls = perJob.map((job) => job.calls).sort((a, b) => a - b);
  const meanCalls = calls.reduce((sum, value) => sum + value, 0) / Math.max(1, calls.length);
  // Bound: the tracker asks about a job at most once a second, each ask at most ATTEMPTS_PER_CALL attempts.
  const overBound = perJob.filter((job) => job.calls > ATTEMPTS_PER_CALL * (Math.ceil(job.lifeSeconds) + 1)).length;
  const longest = Math.max(0, ...perJob.map((job) => job.delayMs));
  const delays = perJob.map((job) => job.delayMs).sort((a, b) => a - b);
  const median = delays[Math.floor(delays.length / 2)] ?? 0;
  const failedSends = answers.filter((answer) => !/^HTTP 2/.test(answer));

  console.log(
    `  sends: ${answers.length} REST calls, ${failedSends.length} answered an error and were repeated ` +
      `(${[...new Set(failedSends)].join(", ") || "none"}); all sent in ${fmt(sentInMs)}, settled in ${fmt(settledInMs)}`,
  );
  console.log(
    `  faults struck: ${Object.entries(state.struck)
      .map(([operation, modes]) => `${operation} ${JSON.stringify(modes)}`)
      .join("; ")}`,
  );
  const ok = {
    all: accepted === JOBS && rows.length === JOBS,
    lost: lost === 0,
    wronglyFailed: wronglyFailed === 0 && count("FAILED") === 0,
    wrongEnd: wrongEnd.length === 0,
    unknown: unknown <= ambiguousRuns,
    twice: sentTwice === 0,
    runs: runCalls <= rows.length + cleanRefusals,
    polls: overBound === 0,
  };
  console.log(
    `  requested ${JOBS}, accepted ${accepted}, recorded ${rows.length} ${verdict(ok.all)}; completed ${count("COMPLETED")}, ` +
      `failed ${count("FAILED")}, unknown ${unknown}, lost ${lost} (must be 0) ${verdict(ok.lost)}`,
  );
  console.log(
    `  wrongly failed ${wronglyFailed} (must be 0; and no FAILED at all: a sleep job never fails) ${verdict(ok.wronglyFailed)}; ` +
      `wrong end ${wrongEnd.length} (ledger ≠ Novita) ${verdict(ok.wrongEnd)}; sent twice ${sentTwice} ${verdict(ok.twice)}`,
  );
  console.log(
    `  unknown ${unknown} ≤ run calls struck ambiguously ${ambiguousRuns} (reset ${runStruck.drop ?? 0}, ` +
      `hang ${runStruck.hang ?? 0}, 500 ${runStruck.error500 ?? 0}) ${verdict(ok.unknown)}; ` +
      `429s on run ${cleanRefusals}, each put back and sent again`,
  );
  console.log(
    `  run calls ${runCalls} ≤ jobs ${rows.length} + 429s on run ${cleanRefusals} (nothing resent blindly) ${verdict(ok.runs)}`,
  );
  console.log(
    `  status calls per job: mean ${meanCalls.toFixed(1)}, median ${calls[Math.floor(calls.length / 2)] ?? 0}, ` +
      `max ${calls.at(-1) ?? 0}; jobs over the bound (${ATTEMPTS_PER_CALL} attempts × (seconds in flight + 1)) ` +
      `${overBound} ${verdict(ok.polls)}`,
  );
  console.log(`  delay Novita finished → ledger recorded: median ${fmt(median)}, longest ${fmt(longest)}`);
  const worst = perJob.find((job) => job.delayMs === longest);
  if (worst) {
    const finished = byNovitaId.get(worst.row.novitaJobId!)!.finishedAt!;
    const timeline = ledger.events
      .filter((event) => event.jobId === worst.row.id)
      .map((event) => `${event.status} ${fmt(event.at.getTime() - finished)}`)
      .join(", ");
    console.log(`  the latest: ${worst.calls} status calls; ledger events relative to Novita's end: ${timeline}`);
  }
  return Object.values(ok).every(Boolean);
}
