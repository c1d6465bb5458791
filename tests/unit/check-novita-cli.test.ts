/**
 * `npm run check:novita` as a person runs it: scripts/check-novita.ts under tsx in a child process. Without a key
 * it checks a throwaway sandbox of its own (green, then red with --quirk); with NOVITA_API_KEY it checks the
 * "Novita" it is pointed at (here a sandbox of this test). The key never appears in what it prints.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { createNovitaClient } from "@/lib/novita/client";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";

const ROOT = path.resolve(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const SANDBOX_KEY = "sk_cli_throwaway_CANARY_0123456789abcdef";
const NOVITA_KEY = "sk_cli_novita_CANARY_fedcba9876543210";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script with only PATH and HOME from this process, plus `env`. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX, "--tsconfig", "tsconfig.json", "scripts/check-novita.ts", ...args],
      {
        cwd: ROOT,
        env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

function expectNoKey(result: Run, key: string) {
  const output = result.stdout + result.stderr;
  expect(output).not.toContain(key);
  // Nor any other key of the throwaway sandbox's making.
  expect(output).not.toMatch(/sk_check_[0-9a-f]{32}/);
}

describe("npm run check:novita", () => {
  it("without NOVITA_API_KEY checks a throwaway sandbox, says so first, prints the table and exits 0", async () => {
    const result = await run([], { SANDBOX_API_KEY: SANDBOX_KEY });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      new RegExp(
        /^No NOVITA_API_KEY: checking a throwaway in-memory sandbox at http:\/\/127\.0\.0\.1:\d+ /.source +
          /\(one serving endpoint created on it\)\.$/.source,
      ),
    );
    expect(result.stdout).toMatch(/^CALL +REQUEST +STATUS +MS +RESULT$/m);
    expect(result.stdout).toMatch(/^List endpoints +GET \/endpoints\?pageSize=20&pageNum=0 +200 +\d+ +Matches$/m);
    expect(result.stdout).toMatch(/^Health of \S+ +GET \/\S+\/health +200 +\d+ +Matches$/m);
    expect(result.stdout).not.toContain("Mismatch");
    expect(lines.at(-1)).toMatch(/^All \d+ calls answered as the console expects\.$/);
    expectNoKey(result, SANDBOX_KEY);
  });

  it("with --quirk endpoints.list:state:status exits 1 and names the missing field", async () => {
    const result = await run(["--quirk", "endpoints.list:state:status"], { SANDBOX_API_KEY: SANDBOX_KEY });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")[0]).toContain("with endpoints.list renaming state → status");
    expect(result.stdout).toMatch(/^List endpoints +GET \S+ +200 +\d+ +Mismatch$/m);
    expect(result.stdout).toContain("    missing: endpoints[].state.state");
    expect(result.stdout).toMatch(/ {4}new: .*endpoints\[\]\.status/);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toMatch(/^1 of \d+ calls did not answer as expected\.$/);
    expectNoKey(result, SANDBOX_KEY);
  });

  it("--write adds the create, read back and delete rows (and a random key stays unprinted too)", async () => {
    const result = await run(["--write"]);
    expect(result.code).toBe(0);
    for (const call of ["Create a min-0 endpoint", "Read it back", "Delete it", "Read it after delete"])
      expect(result.stdout).toMatch(new RegExp(`^${call} .* Matches$`, "m"));
    expectNoKey(result, SANDBOX_KEY);
  });

  it("--json prints only the report on stdout (the notice goes to stderr)", async () => {
    const result = await run(["--json"], { SANDBOX_API_KEY: SANDBOX_KEY });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^No NOVITA_API_KEY: checking a throwaway in-memory sandbox/);
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      rows: { verdict: string }[];
      target: { kind: string };
      summary: { mismatches: number };
    };
    expect(report.ok).toBe(true);
    expect(report.target.kind).toBe("sandbox");
    expect(report.summary.mismatches).toBe(0);
    expect(report.rows.length).toBeGreaterThan(8);
    expectNoKey(result, SANDBOX_KEY);
  });

  it.each([
    [["--nope"], /Unknown option '--nope'/],
    [["--quirk", "endpoints.list:state"], /--quirk wants <operation>:<from>:<to>/],
    [["--quirk", "endpoints.lost:state:status"], /unknown operation "endpoints\.lost"/],
    [["extra"], /Unexpected argument 'extra'/],
  ])("exits 2 on bad usage: %j", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run check:novita");
    expect(result.stdout).toBe("");
  });

  describe("with NOVITA_API_KEY", () => {
    const novita = sandboxForTestFile({ apiKey: NOVITA_KEY, coldStartMs: 50, endpointStartupMs: 50, tickMs: 10 });
    let env: Record<string, string>;

    beforeAll(async () => {
      env = {
        NOVITA_API_KEY: NOVITA_KEY,
        NOVITA_API_BASE_URL: `${novita.managementBaseUrl}/`,
        NOVITA_JOBS_BASE_URL: novita.jobsBaseUrl,
        NOVITA_GPUS_BASE_URL: `${novita.origin}/gpus/v2`,
      };
      const client = createNovitaClient({
        apiKey: NOVITA_KEY,
        apiBaseUrl: novita.managementBaseUrl,
        jobsBaseUrl: novita.jobsBaseUrl,
        gpusBaseUrl: `${novita.origin}/gpus/v2`,
      });
      await client.management.createEndpoint(makeEndpointSpec({ name: "cli-novita-side" }));
    });

    it("checks the Novita it is pointed at, read-only, and prints only the key's fingerprint", async () => {
      const before = novita.engine.endpoints.size;
      const result = await run([], env);
      expect(result.code).toBe(0);
      expect(result.stdout.split("\n")[0]).toBe(
        `Checking Novita at ${new URL(novita.origin).host} with NOVITA_API_KEY ` +
          `(sk_…${NOVITA_KEY.slice(-4)}), read-only.`,
      );
      expect(result.stdout).toMatch(/^All \d+ calls answered as the console expects\.$/m);
      expect(novita.engine.endpoints.size).toBe(before);
      expectNoKey(result, NOVITA_KEY);
    });

    it("refuses --quirk (it would change nothing on Novita) with exit 2", async () => {
      const result = await run(["--quirk", "endpoints.list:state:status"], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--quirk works on the throwaway sandbox only");
      expectNoKey(result, NOVITA_KEY);
    });

    it("exits 2 naming a bad base URL variable", async () => {
      const result = await run([], { ...env, NOVITA_JOBS_BASE_URL: "not a url" });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("NOVITA_JOBS_BASE_URL must be an http(s) URL");
      expectNoKey(result, NOVITA_KEY);
    });

    it("exits 1 on a wrong key, with Novita's reason and without the key", async () => {
      const wrong = `${NOVITA_KEY}_wrong`;
      const result = await run([], { ...env, NOVITA_API_KEY: wrong });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("note: INVALID_API_KEY");
      expect(result.stdout + result.stderr).not.toContain(wrong);
    });
  });
});
