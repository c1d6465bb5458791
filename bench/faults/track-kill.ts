/**
 * Faults 2 — SIGKILL while tracking and archiving. 200 jobs, each returning its own image (the echo worker returns
 * its input: a distinct noisy PNG per job), are sent while the sandbox's workers are paused, then let go; the console
 * is SIGKILLed once part of the outputs are in the store (the workers paused again at that moment, so the rest is
 * still queued upstream), restarted on the same data, and left to finish. Printed:
 * what was in flight at the kill, then completed, lost (must be 0), outputs archived (one per job: must be 200),
 * outputs archived twice (must be 0), stored files whose bytes do not match their name (half-written: must be 0),
 * and temporary files left by the killed writes (never served: the store only reads final names).
 * Knob (env): BENCH_FAULTS_KILL_AT_BLOBS (default 60: how many blobs are stored when the console is killed).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { jobs, outputBlobs, outputs } from "@/lib/db/schema";
import { waitForHealthy } from "@/e2e/support/server";
import {
  killConsole,
  noisyPng,
  post,
  settle,
  sleep,
  startConsole,
  verdict,
  withLedger,
  type FaultsBench,
} from "./support";

const JOBS = 200;
const KILL_AT_BLOBS = Number(process.env.BENCH_FAULTS_KILL_AT_BLOBS ?? 60);
const MARKER = "kill-track";

/** Every file under the store's blobs/ and thumbs/ folders: final names, and temporaries of writes cut short. */
function storeFiles(root: string): { blobs: string[]; temporaries: string[] } {
  const blobs: string[] = [];
  const temporaries: string[] = [];
  for (const top of ["blobs", "thumbs"]) {
    const folder = path.join(root, top);
    if (!existsSync(folder)) continue;
    for (const shard of readdirSync(folder))
      for (const name of readdirSync(path.join(folder, shard))) {
        const file = path.join(folder, shard, name);
        if (name.endsWith(".tmp")) temporaries.push(file);
        else if (top === "blobs") blobs.push(file);
      }
  }
  return { blobs, temporaries };
}

export async function trackKill({ setup, sandbox, endpointId }: FaultsBench): Promise<boolean> {
  const store = path.join(setup.dataDir, "outputs");
  const images = await Promise.all(Array.from({ length: JOBS }, (_, index) => noisyPng(index, 128)));
  console.log(`faults 2 — SIGKILL while ${JOBS} jobs are tracked and their outputs archived`);

  let console_ = startConsole(setup);
  await waitForHealthy(console_);
  await sandbox.control("POST", "/workers/pause", { endpointId });
  const answers: string[] = [];
  for (let start = 0; start < JOBS; start += 8)
    answers.push(
      ...(await Promise.all(
        images.slice(start, start + 8).map(async (data, offset) => {
          const body = {
            endpointId,
            input: {
              prompt: `${MARKER} job ${start + offset}`,
              images: [{ filename: `job-${start + offset}.png`, type: "base64", data }],
            },
          };
          // The token's rate limit (docs/api.md) answers 429 with Retry-After: wait and send again, as a script would.
          for (let attempt = 0; ; attempt += 1) {
            const answer = await post(console_, setup.token, "/jobs", body);
            if (answer !== "HTTP 429" || attempt === 10) return answer;
            await sleep(1_000);
          }
        }),
      )),
    );
  const refused = answers.filter((answer) => !answer.startsWith("HTTP 2"));
  if (refused.length) console.log(`  sends not accepted: ${refused.length} (${refused[0]})`);
  await sandbox.control("POST", "/workers/resume", { endpointId });

  const deadline = Date.now() + 60_000;
  while (storeFiles(store).blobs.length < KILL_AT_BLOBS && Date.now() < deadline) await sleep(20);
  // The rest stays queued upstream across the kill: the restarted console must find it, not only finish what it saw.
  await sandbox.control("POST", "/workers/pause", { endpointId });
  killConsole(console_);
  await console_.stop();
  const atKill = storeFiles(store);
  const upstreamAtKill = (await sandbox.control("GET", `/jobs?endpoint=${endpointId}&limit=10000`)) as {
    status: string;
  }[];
  console.log(
    `  at the kill: ${atKill.blobs.length} blobs stored, ${atKill.temporaries.length} writes in progress; ` +
      `Novita: ${upstreamAtKill.filter((job) => job.status === "COMPLETED").length} of ${upstreamAtKill.length} completed`,
  );
  const ledgerAtKill = await withLedger(setup, async ({ db }) =>
    (await db.select().from(jobs)).filter((row) => JSON.stringify(row.input).includes(MARKER)),
  );
  console.log(
    `  the ledger at the kill: ${ledgerAtKill.filter((row) => !row.finished).length} jobs unfinished, ` +
      `${ledgerAtKill.filter((row) => row.archiveState === "pending").length} completed with their archive pending`,
  );
  await sandbox.control("POST", "/workers/resume", { endpointId });

  const restarted = Date.now();
  console_ = startConsole(setup);
  await waitForHealthy(console_);
  await settle(console_, setup.token, MARKER);
  // Then until every job's archive is done (a job the killed process had leased waits for its 60 s lease).
  const listed = (await (
    await fetch(`${console_.baseURL}/api/v1/jobs?q=${MARKER}&limit=${JOBS}`, {
      headers: { authorization: `Bearer ${setup.token}` },
    })
  ).json()) as { jobs: { id: string }[] };
  let waiting = listed.jobs.map((job) => job.id);
  while (waiting.length > 0 && Date.now() - restarted < 150_000) {
    const still: string[] = [];
    for (const id of waiting) {
      const details = (await (
        await fetch(`${console_.baseURL}/api/jobs/${id}`, { headers: { cookie: setup.cookie } })
      ).json()) as { archive: unknown };
      if (details.archive !== null) still.push(id);
    }
    waiting = still;
    if (waiting.length > 0) await sleep(1_000);
  }
  await console_.stop();
  const caughtUpS = ((Date.now() - restarted) / 1000).toFixed(1);

  const ledger = await withLedger(setup, async ({ db }) => ({
    jobs: (await db.select().from(jobs)).filter((row) => JSON.stringify(row.input).includes(MARKER)),
    outputs: await db.select().from(outputs),
    blobs: await db.select().from(outputBlobs),
  }));
  const completed = ledger.jobs.filter((row) => row.status === "COMPLETED").length;
  const lost = ledger.jobs.filter((row) => !row.finished).length;
  const archivedJobs = new Set(ledger.outputs.map((row) => row.jobId)).size;
  const twice = ledger.outputs.length - new Set(ledger.outputs.map((row) => `${row.jobId}/${row.position}`)).size;
  const notDone = ledger.jobs.filter((row) => row.status === "COMPLETED" && row.archiveState !== "done").length;
  const after = storeFiles(store);
  const halfWritten = after.blobs.filter(
    (file) => createHash("sha256").update(readFileSync(file)).digest("hex") !== path.basename(file),
  ).length;
  const missingFiles = ledger.blobs.filter(
    (blob) => !existsSync(path.join(store, ...blob.storageKey.split("/"))),
  ).length;

  console.log(`  after the restart (${caughtUpS} s to catch up):`);
  console.log(
    `  requested ${JOBS}, recorded ${ledger.jobs.length}, completed ${completed}, lost ${lost} (must be 0) ` +
      `${verdict(lost === 0 && completed === JOBS)}`,
  );
  console.log(
    `  jobs with their output archived ${archivedJobs} (must be ${JOBS}) ${verdict(archivedJobs === JOBS)}, ` +
      `archive not done ${notDone}, outputs archived twice ${twice} (must be 0) ${verdict(twice === 0)}`,
  );
  console.log(
    `  stored blobs ${after.blobs.length}, half-written ${halfWritten} (must be 0) ${verdict(halfWritten === 0)}, ` +
      `blobs the ledger names but the store lacks ${missingFiles} (must be 0) ${verdict(missingFiles === 0)}, ` +
      `temporaries left ${after.temporaries.length}`,
  );
  return (
    lost === 0 && completed === JOBS && archivedJobs === JOBS && twice === 0 && halfWritten === 0 && missingFiles === 0
  );
}
