import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A Novita sandbox on its own (`npm run sandbox`), with a key the test chooses: "Novita" for a spawned console. */
export interface SandboxProcess {
  origin: string;
  managementBaseUrl: string;
  jobsBaseUrl: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function spawnSandbox(port: number, apiKey: string): Promise<SandboxProcess> {
  const root = path.resolve(__dirname, "..", "..");
  const dataDir = mkdtempSync(path.join(tmpdir(), "console-sandbox-"));
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "--tsconfig", "tsconfig.json", "lib/sandbox/cli.ts"],
    {
      cwd: root,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATA_DIR: dataDir,
        SANDBOX_PORT: String(port),
        SANDBOX_API_KEY: apiKey,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sandbox exited early:\n${output}`);
    try {
      const response = await fetch(`${origin}/_sandbox/state`, { headers: { authorization: `Bearer ${apiKey}` } });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`sandbox not up after 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    managementBaseUrl: `${origin}/gpu-instance/openapi/v1`,
    jobsBaseUrl: `${origin}/v1`,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
