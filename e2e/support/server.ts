import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A second console server (the production build), started the way `npm start` serves it, with its own env. */
export interface ConsoleServer {
  baseURL: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Each server gets a fresh DATA_DIR unless `env.DATA_DIR` names one (to restart on the same data). */
export function spawnConsole(port: number, env: Record<string, string>): ConsoleServer {
  const ownDataDir = env.DATA_DIR ? undefined : mkdtempSync(path.join(tmpdir(), "console-server-"));
  const dataDir = env.DATA_DIR ?? ownDataDir!;
  const child = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: path.resolve(__dirname, "..", ".."),
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        PORT: String(port),
        SANDBOX_PORT: String(port + 1000),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: `next start` forks the real server, and stopping must reach both.
      detached: true,
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return {
    baseURL: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        const signalGroup = (signal: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            child.kill(signal);
          }
        };
        signalGroup("SIGTERM");
        // A server that does not stop within 10 s is a bug to see in its output, not a reason to hang the suite.
        const killer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

export async function waitForHealthy(server: ConsoleServer, timeoutMs = 60_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    try {
      const response = await fetch(`${server.baseURL}/api/health`);
      if (response.ok) return await response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.output()}`);
}

export function waitForExit(server: ConsoleServer, timeoutMs = 30_000): Promise<number | null> {
  if (server.process.exitCode !== null) return Promise.resolve(server.process.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server still running after ${timeoutMs} ms:\n${server.output()}`)),
      timeoutMs,
    );
    server.process.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
