/**
 * Fault benchmarks (issue 16), with real processes on loopback: the sandbox (`npm run sandbox`) and the console
 * (`next start`, the production build: run `npx next build` first) on a PGlite DATA_DIR. Each scenario prints its
 * figures and PASS/FAIL per promise; the exit code is 1 when any promise failed. The scenarios live in bench/faults/;
 * `BENCH_FAULTS_ONLY=1,3` runs some of them. docs/reliability.md lists the promises and the last figures.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SandboxManagement, WORKER_IMAGES } from "@/e2e/support/endpoints-sandbox";
import { spawnSandbox } from "@/e2e/support/sandbox-process";
import { dbTrouble } from "./faults/db-trouble";
import { down } from "./faults/down";
import { flaky } from "./faults/flaky";
import { fuzz } from "./faults/fuzz";
import { load } from "./faults/load";
import { sendKill } from "./faults/send-kill";
import { storeFull } from "./faults/store-full";
import { trackKill } from "./faults/track-kill";
import { SANDBOX_KEY, SANDBOX_PORT, seed, type FaultsBench } from "./faults/support";

const SCENARIOS: Record<string, (bench: FaultsBench) => Promise<boolean>> = {
  "1": sendKill,
  "2": trackKill,
  "3": flaky,
  "4": down,
  "5": dbTrouble,
  "6": storeFull,
  "7": fuzz,
  "8": load,
};

async function main() {
  const only = process.env.BENCH_FAULTS_ONLY?.split(",").map((part) => part.trim());
  const chosen = Object.entries(SCENARIOS).filter(([name]) => !only || only.includes(name));
  const started = Date.now();
  const failed: string[] = [];
  for (const [name, run] of chosen) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "faults-bench-"));
    const sandboxProcess = await spawnSandbox(SANDBOX_PORT, SANDBOX_KEY);
    try {
      const sandbox = new SandboxManagement(sandboxProcess.origin, SANDBOX_KEY);
      const endpointId = await sandbox.createEndpoint("faults", { image: WORKER_IMAGES.echo, minNum: 2, maxNum: 2 });
      const setup = await seed(dataDir);
      if (!(await run({ sandbox, sandboxOrigin: sandboxProcess.origin, endpointId, setup }))) failed.push(name);
    } finally {
      await sandboxProcess.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `faults: ${chosen.length} scenarios in ${minutes} min; failed: ${failed.length ? failed.join(", ") : "none"}`,
  );
  if (failed.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
