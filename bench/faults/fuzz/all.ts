/**
 * Scenario 7 in one call, for bench:faults and for the short run in `npm test`: seed, sign every role in, snapshot
 * the database, fuzz every door as every caller against a live console, stop it, snapshot again, scan its output.
 * Prints the figures and returns whether the three promises hold: 0 answers ≥ 500, 0 changed rows, 0 crashes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { actionDoors, routeDoors } from "./doors";
import { crashLines, fuzzDoors, type Tally } from "./run";
import { changedTables, snapshot } from "./snapshot";
import { callersOf, seedWorld, startWorldConsole } from "./world";

export interface FuzzAllOptions {
  consolePort: number;
  sandboxPort: number;
  sandboxKey: string;
  perDoor: number;
  concurrency: number;
  seed: number;
}

export interface FuzzReport {
  tally: Tally;
  changed: string[];
  crashes: string[];
  minutes: number;
  ok: boolean;
}

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

export async function fuzzAll(options: FuzzAllOptions): Promise<FuzzReport> {
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(tmpdir(), "fuzz-console-"));
  try {
    const world = await seedWorld(dataDir, options);
    const doors = [...routeDoors(), ...actionDoors()];
    // Sign in first (sessions are part of the world), then read the database with the console stopped.
    let server = await startWorldConsole(world);
    const callers = await callersOf(server, world).finally(() => server.stop());
    const before = await snapshot(dataDir);
    server = await startWorldConsole(world);
    let tally: Tally;
    try {
      tally = await fuzzDoors(server, doors, callers, options);
    } finally {
      await server.stop();
    }
    const after = await snapshot(dataDir);
    const changed = changedTables(before, after);
    const crashes = crashLines(server.output());
    const minutes = (Date.now() - started) / 60_000;
    const failures = tally.failures.length;
    console.log(
      `  doors: ${doors.length} (${routeDoors().length} route handlers, ${actionDoors().length} server actions); ` +
        `callers: ${callers.map((caller) => caller.name).join(", ")}`,
    );
    console.log(`  inputs sent: ${tally.inputs} (≥ ${options.perDoor} per door, seed ${options.seed})`);
    const classes = Object.entries(tally.byClass).sort(([a], [b]) => a.localeCompare(b));
    console.log(`  responses: ${classes.map(([name, count]) => `${name} ${count}`).join(", ")}`);
    console.log(`  ${verdict(failures === 0)} answers ≥ 500, no answer, or an internal error result: ${failures}`);
    for (const failure of tally.failures.slice(0, 20)) {
      console.log(`    ${failure.status} ${failure.door} as ${failure.caller}: ${failure.target} ${failure.sample}`);
    }
    console.log(`  ${verdict(changed.length === 0)} changed rows: ${changed.length ? changed.join("; ") : 0}`);
    console.log(
      `  ${verdict(crashes.length === 0)} unhandled rejections, uncaught exceptions, stacks: ${crashes.length}`,
    );
    for (const line of crashes.slice(0, 10)) console.log(`    ${line.slice(0, 300)}`);
    console.log(`  minutes: ${minutes.toFixed(1)}`);
    if (process.env.FUZZ_FAILURES_FILE) writeFileSync(process.env.FUZZ_FAILURES_FILE, JSON.stringify(tally.failures));
    if (process.env.FUZZ_OUTPUT_FILE) writeFileSync(process.env.FUZZ_OUTPUT_FILE, server.output());
    return { tally, changed, crashes, minutes, ok: failures === 0 && changed.length === 0 && crashes.length === 0 };
  } finally {
    if (process.env.FUZZ_KEEP_DATA) console.log(`  data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}
