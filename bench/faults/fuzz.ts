/**
 * Scenario 7, fuzzing every door: every app/api route handler and every server action gets `BENCH_FUZZ_PER_DOOR`
 * (1,000) bad inputs — fast-check arbitraries from the zod schemas and a fixed corpus (bench/faults/fuzz/) — signed
 * out, as each role (cookie and token) and cross-origin, against `next start` on its own PGlite data, pointed at
 * the bench's sandbox. Promises: 0 answers ≥ 500, 0 changed rows, 0 unhandled rejections or stacks in its log.
 */
import { CONSOLE_PORT, SANDBOX_KEY, type FaultsBench } from "./support";
import { fuzzAll } from "./fuzz/all";

export async function fuzz(bench: FaultsBench): Promise<boolean> {
  console.log("\nscenario 7: fuzzing every door");
  const report = await fuzzAll({
    consolePort: CONSOLE_PORT,
    sandboxPort: Number(new URL(bench.sandboxOrigin).port),
    sandboxKey: SANDBOX_KEY,
    perDoor: Number(process.env.BENCH_FUZZ_PER_DOOR || 1_000),
    concurrency: Number(process.env.BENCH_FUZZ_CONCURRENCY || 12),
    seed: Number(process.env.BENCH_FUZZ_SEED || 16_007),
  });
  return report.ok;
}
