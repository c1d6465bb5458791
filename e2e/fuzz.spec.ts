/**
 * Issue 16, scenario 7 in short (the full run is `BENCH_FAULTS_ONLY=7 npm run bench:faults`): every app/api route
 * handler and every server action of this build gets ~60 bad inputs — fast-check arbitraries from the zod schemas
 * and the fixed corpus — signed out, as each role (cookie and console token) and cross-origin, against a console of
 * its own (`next start` on a fresh PGlite DATA_DIR, its own sandbox). It fails on any answer ≥ 500, any changed
 * row, or an unhandled rejection or stack in the console's log. No browser: the fuzzer is bench/faults/fuzz/,
 * run as the bench runs it (tsx, with server-only resolved), so both runs are the same code.
 */
import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");

function runFuzzer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        "--tsconfig",
        "tsconfig.json",
        "--import",
        "./bench/server-only.mjs",
        "bench/faults/fuzz/cli.ts",
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("every door answers bad input with < 500, changes no row and crashes nothing", async () => {
  test.setTimeout(300_000);
  const { code, output } = await runFuzzer({
    FUZZ_PER_DOOR: process.env.FUZZ_PER_DOOR ?? "60",
    FUZZ_CONSOLE_PORT: process.env.FUZZ_CONSOLE_PORT ?? "3241",
    FUZZ_SANDBOX_PORT: process.env.FUZZ_SANDBOX_PORT ?? "3243",
  });
  console.log(output);
  expect(output).toMatch(/PASS answers ≥ 500, no answer, or an internal error result: 0/);
  expect(output).toMatch(/PASS changed rows: 0/);
  expect(output).toMatch(/PASS unhandled rejections, uncaught exceptions, stacks: 0/);
  expect(code).toBe(0);
});
