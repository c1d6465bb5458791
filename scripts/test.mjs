// `npm test`: every check the project has, in one run, ending with `tests: N passed, N failed, N skipped`.
// lint, typecheck and the production build count as one test each; vitest and Playwright count their tests.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { findPostgresBinaries, startThrowawayPostgres } from "./throwaway-postgres.mjs";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".test-data");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "true" };

function run(label, command, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${command.replace(root + "/", "")} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function check(label, command, args) {
  const passed = run(label, command, args);
  totals[passed ? "passed" : "failed"] += 1;
  console.log(`${label}: ${passed ? "passed" : "FAILED"}`);
  return passed;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

check("lint", bin("eslint"), ["."]);
check("format (prettier)", bin("prettier"), ["--check", "."]);
check("typecheck", bin("tsc"), ["--noEmit"]);

let postgres;
const postgresBin = findPostgresBinaries();
if (postgresBin) {
  try {
    postgres = await startThrowawayPostgres(postgresBin);
    console.log(`\nThrowaway PostgreSQL at ${postgres.url} (${postgresBin})`);
  } catch (error) {
    console.log(`\nCould not start PostgreSQL, its tests are skipped: ${error.message}`);
  }
} else {
  console.log(
    "\nPostgreSQL binaries not found (apt-get install postgresql): the Postgres half of the tests is skipped.",
  );
}
const databaseEnv = postgres ? { TEST_DATABASE_URL: postgres.url } : {};

try {
  const vitestReport = path.join(reports, "vitest.json");
  const vitestOk = run(
    "unit tests (vitest)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    databaseEnv,
  );
  const vitest = readJson(vitestReport);
  if (vitest) {
    totals.passed += vitest.numPassedTests;
    totals.failed += vitest.numFailedTests;
    totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
    if (!vitestOk && vitest.numFailedTests === 0) totals.failed += 1;
  } else if (!vitestOk) totals.failed += 1;

  const built = check("build", bin("next"), ["build"]);
  if (built) {
    // The Docker image's layout, started as the image starts it (node server.js) against Postgres: one test.
    const standaloneOk = run(
      "standalone server (Docker layout)",
      process.execPath,
      [path.join(root, "scripts", "standalone-check.mjs")],
      databaseEnv,
    );
    totals[standaloneOk ? "passed" : "failed"] += 1;
    const playwrightReport = path.join(reports, "playwright.json");
    const e2eDataDir = mkdtempSync(path.join(tmpdir(), "console-e2e-"));
    const playwrightOk = run("browser tests (playwright)", bin("playwright"), ["test"], {
      ...databaseEnv,
      E2E_DATA_DIR: e2eDataDir,
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
    });
    rmSync(e2eDataDir, { recursive: true, force: true });
    const playwright = readJson(playwrightReport);
    if (playwright?.stats) {
      totals.passed += playwright.stats.expected + playwright.stats.flaky;
      totals.failed += playwright.stats.unexpected;
      totals.skipped += playwright.stats.skipped;
      if (!playwrightOk && playwright.stats.unexpected === 0) totals.failed += 1;
    } else if (!playwrightOk) totals.failed += 1;
  } else {
    console.log("browser tests: not run, the build failed");
  }
} finally {
  await postgres?.stop();
}

console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
