/**
 * Faults 6 — the output store full. DATA_DIR/outputs is a 1 MiB tmpfs (when this process may mount one: root with
 * CAP_SYS_ADMIN; otherwise a file stands where the folder should be, which refuses writes the same way), and 30 jobs
 * each return a different ~100 kB image. Archiving must wait and retry without crashing anything, the jobs' pages
 * must say "archive pending" with why; then the store grows to 64 MiB (tmpfs remount; or the file becomes a folder)
 * and every output must be archived, once. Printed: the store's mode, jobs completed, pending with a reason while
 * full, console alive, then archived (must be 30) and archived twice (must be 0), and how long the catch-up took.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { jobs, outputs } from "@/lib/db/schema";
import { waitForHealthy } from "@/e2e/support/server";
import { noisyPng, post, settle, sleep, startConsole, verdict, withLedger, type FaultsBench } from "./support";

const JOBS = 30;
const MARKER = "store-full";

/** A full store: a 1 MiB tmpfs if mounting works here, else a file in the folder's place. Returns how to free it. */
function fillStore(store: string): { mode: string; free(): void; cleanup(): void } {
  mkdirSync(store, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", store], { stdio: "ignore" });
    return {
      mode: "a 1 MiB tmpfs (ENOSPC once full)",
      free: () => execFileSync("mount", ["-o", "remount,size=64m", store], { stdio: "ignore" }),
      cleanup: () => execFileSync("umount", ["-l", store], { stdio: "ignore" }),
    };
  } catch {
    rmSync(store, { recursive: true, force: true });
    writeFileSync(store, "");
    return {
      mode: "a file where the folder should be (ENOTDIR; mounting a tmpfs is not allowed here)",
      free: () => {
        rmSync(store);
        mkdirSync(store);
      },
      cleanup: () => {},
    };
  }
}

interface JobAnswer {
  job: { id: string; status: string };
  archive: { state: string; note: string | null } | null;
}

export async function storeFull({ setup, endpointId }: FaultsBench): Promise<boolean> {
  const store = path.join(setup.dataDir, "outputs");
  const full = fillStore(store);
  const images = await Promise.all(Array.from({ length: JOBS }, (_, index) => noisyPng(index, 192)));
  console.log(`faults 6 — the output store full: ${full.mode}`);
  const console_ = startConsole(setup);
  try {
    await waitForHealthy(console_);
    for (const [index, data] of images.entries())
      await post(console_, setup.token, "/jobs", {
        endpointId,
        input: { prompt: `${MARKER} ${index}`, images: [{ filename: `full-${index}.png`, type: "base64", data }] },
      });
    await settle(console_, setup.token, MARKER);
    // Long enough for the first tries to fail and the archiver to pause (10 s between tries while the store is full).
    await sleep(15_000);

    const list = (await (
      await fetch(`${console_.baseURL}/api/v1/jobs?q=${MARKER}`, {
        headers: { authorization: `Bearer ${setup.token}` },
      })
    ).json()) as { jobs: { id: string }[] };
    const details = await Promise.all(
      list.jobs.map(
        async (job) =>
          (await (
            await fetch(`${console_.baseURL}/api/jobs/${job.id}`, { headers: { cookie: setup.cookie } })
          ).json()) as JobAnswer,
      ),
    );
    const completed = details.filter((detail) => detail.job.status === "COMPLETED").length;
    const pending = details.filter((detail) => detail.archive?.state === "pending");
    const withReason = pending.filter((detail) => detail.archive?.note?.startsWith("Waiting for the output store"));
    const alive = (await fetch(`${console_.baseURL}/api/health`)).ok && console_.process.exitCode === null;
    console.log(
      `  while full: completed ${completed} of ${JOBS}, archive pending ${pending.length}, of which saying why ` +
        `${withReason.length}; console alive ${alive ? "yes" : "no"} ${verdict(alive)}`,
    );
    if (withReason[0]) console.log(`  a job page says: "${withReason[0].archive!.note}"`);

    full.free();
    const freedAt = Date.now();
    let archived = 0;
    while (Date.now() - freedAt < 90_000) {
      const answers = await Promise.all(
        list.jobs.map(
          async (job) =>
            (await (
              await fetch(`${console_.baseURL}/api/jobs/${job.id}`, { headers: { cookie: setup.cookie } })
            ).json()) as JobAnswer,
        ),
      );
      archived = answers.filter((answer) => answer.archive === null).length;
      if (archived === list.jobs.length) break;
      await sleep(1_000);
    }
    const catchUpS = ((Date.now() - freedAt) / 1000).toFixed(1);
    await console_.stop();

    const ledger = await withLedger(setup, async ({ db }) => ({
      jobs: (await db.select().from(jobs)).filter((row) => JSON.stringify(row.input).includes(MARKER)),
      outputs: await db.select().from(outputs),
    }));
    const ids = new Set(ledger.jobs.map((row) => row.id));
    const mine = ledger.outputs.filter((row) => ids.has(row.jobId));
    const archivedJobs = new Set(mine.map((row) => row.jobId)).size;
    const twice = mine.length - new Set(mine.map((row) => `${row.jobId}/${row.position}`)).size;
    const failed = ledger.jobs.filter((row) => row.archiveState === "failed").length;
    console.log(
      `  after the store grew: jobs archived ${archivedJobs} (must be ${JOBS}) ${verdict(archivedJobs === JOBS)} in ` +
        `${catchUpS} s, archived twice ${twice} (must be 0) ${verdict(twice === 0)}, archives given up ${failed} ` +
        `(must be 0) ${verdict(failed === 0)}`,
    );
    return alive && completed === JOBS && withReason.length > 0 && archivedJobs === JOBS && twice === 0 && failed === 0;
  } finally {
    await console_.stop();
    full.cleanup();
  }
}
