/**
 * Faults 1 — SIGKILL while sending. Two REST sends of 100 copies each (a slow upstream: every run call takes
 * RUN_MS), the console killed once Novita has had KILL_AT_RUNS run calls (mid-send, however slow the machine is
 * to start), restarted on the same data; then the same for a 64-job sweep.
 * Printed: requested, recorded (a send whose transaction had not committed recorded nothing, and its caller saw the
 * error), completed, unknown (to settle by hand), lost (recorded but never finished: must be 0) and sent twice
 * (Novita jobs beyond the ledger's: must be 0).
 * Knobs (env): BENCH_FAULTS_RUN_MS (default 40), BENCH_FAULTS_KILL_AT_RUNS (default 30).
 */
import { jobs, workflowRuns } from "@/lib/db/schema";
import type { ConsoleServer } from "@/e2e/support/server";
import { waitForHealthy } from "@/e2e/support/server";
import { killConsole, post, settle, sleep, startConsole, verdict, withLedger, type FaultsBench } from "./support";

const RUN_MS = Number(process.env.BENCH_FAULTS_RUN_MS ?? 40);
const KILL_AT_RUNS = Number(process.env.BENCH_FAULTS_KILL_AT_RUNS ?? 30);

async function scenario(
  label: string,
  { setup, sandbox, endpointId }: FaultsBench,
  send: (console_: ConsoleServer) => Promise<string[]>,
  requested: number,
  marker: string,
) {
  await sandbox.control("POST", "/faults", { operation: "jobs.run", mode: "slow", hangMs: RUN_MS, count: 10_000 });
  let console_ = startConsole(setup);
  await waitForHealthy(console_);
  const runCalls = async () =>
    ((await sandbox.control("GET", "/state")) as { requests?: Record<string, number> }).requests?.["jobs.run"] ?? 0;
  const before = await runCalls();
  const answers = send(console_);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await runCalls()) - before < KILL_AT_RUNS) await sleep(10);
  killConsole(console_);
  const answered = await answers;
  await console_.stop();
  await sandbox.control("DELETE", "/faults");

  console_ = startConsole(setup);
  await waitForHealthy(console_);
  await settle(console_, setup.token, marker);
  // Abandoned sends become "outcome unknown" once their lease (30 s) has run out.
  await sleep(33_000);
  await settle(console_, setup.token, marker);
  await console_.stop();

  const rows = await withLedger(setup, async ({ db }) => {
    const all = await db.select().from(jobs);
    const runs = await db.select().from(workflowRuns);
    return { all: all.filter((row) => JSON.stringify(row.input).includes(marker)), runs };
  });
  const recorded = rows.all.length;
  const completed = rows.all.filter((row) => row.status === "COMPLETED").length;
  const unknown = rows.all.filter((row) => row.status === "UNKNOWN").length;
  const lost = rows.all.filter((row) => !row.finished).length;
  const novita = (await sandbox.control("GET", `/jobs?endpoint=${endpointId}&limit=10000`)) as { input: unknown }[];
  const upstream = novita.filter((job) => JSON.stringify(job.input).includes(marker)).length;
  const linked = rows.all.filter((row) => row.novitaJobId).length;
  // Each unknown row may have reached Novita once; beyond that, a Novita job no row accounts for was sent twice.
  const sentTwice = Math.max(0, upstream - linked - unknown);
  const withoutRun = rows.all.filter((row) => !rows.runs.some((run) => run.jobId === row.id)).length;
  console.log(`${label}`);
  console.log(`  callers saw: ${answered.join("; ")}`);
  console.log(
    `  requested ${requested}, recorded ${recorded}, completed ${completed}, unknown ${unknown}, ` +
      `lost ${lost} (must be 0) ${verdict(lost === 0)}, sent twice ${sentTwice} (must be 0) ${verdict(sentTwice === 0)}`,
  );
  console.log(`  Novita received ${upstream}; ledger rows with Novita's id ${linked}`);
  return { withoutRun, ok: lost === 0 && sentTwice === 0 };
}

/** Both halves; true when every promise held. */
export async function sendKill(bench: FaultsBench): Promise<boolean> {
  const { setup, endpointId } = bench;
  console.log(`faults 1: run calls take ${RUN_MS} ms, SIGKILL once Novita has had ${KILL_AT_RUNS} of them`);
  const sends = await scenario(
    "faults 1a — SIGKILL during two 100-copy sends",
    bench,
    (console_) =>
      Promise.all(
        [0, 1].map((batch) =>
          post(console_, setup.token, "/jobs", {
            endpointId,
            input: { prompt: `kill-send batch ${batch}` },
            copies: 100,
          }),
        ),
      ),
    200,
    "kill-send",
  );
  const sweep = await scenario(
    "faults 1b — SIGKILL during a 64-job sweep",
    bench,
    async (console_) => [
      await post(console_, setup.token, `/workflows/${setup.workflowId}/runs`, {
        endpointId,
        inputs: { prompt: "kill-sweep of apples" },
        count: 64,
      }),
    ],
    64,
    "kill-sweep",
  );
  console.log(`  sweep jobs without their run row: ${sweep.withoutRun} (must be 0) ${verdict(sweep.withoutRun === 0)}`);
  return sends.ok && sweep.ok && sweep.withoutRun === 0;
}
