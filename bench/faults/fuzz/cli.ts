/**
 * Scenario 7 on its own, with a sandbox of its own: the short run `npm test` makes (e2e/fuzz.spec.ts) and a quick
 * way to try the fuzzer. `FUZZ_PER_DOOR` (default 60), `FUZZ_CONCURRENCY` (12), `FUZZ_SEED` (7),
 * `FUZZ_CONSOLE_PORT` (3391), `FUZZ_SANDBOX_PORT` (3393). Exit code 1 when a promise fails.
 */
import { spawnSandbox } from "@/e2e/support/sandbox-process";
import { fuzzAll } from "./all";

const numberFrom = (name: string, fallback: number) => Number(process.env[name] || fallback);
const SANDBOX_KEY = "sk_fuzz_sandbox_key_000000000000000";

async function main() {
  const sandboxPort = numberFrom("FUZZ_SANDBOX_PORT", 3393);
  const sandbox = await spawnSandbox(sandboxPort, SANDBOX_KEY);
  try {
    console.log("fuzzing every door (scenario 7, short run)");
    const report = await fuzzAll({
      consolePort: numberFrom("FUZZ_CONSOLE_PORT", 3391),
      sandboxPort,
      sandboxKey: SANDBOX_KEY,
      perDoor: numberFrom("FUZZ_PER_DOOR", 60),
      concurrency: numberFrom("FUZZ_CONCURRENCY", 12),
      seed: numberFrom("FUZZ_SEED", 7),
    });
    if (!report.ok) process.exitCode = 1;
  } finally {
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
