/**
 * Local mode: the console starts its sandbox once per server process (from instrumentation.ts), or finds one
 * already listening on SANDBOX_PORT with the same key (e.g. `npm run sandbox` in another terminal).
 */
import { getConfig, sandboxConnection, type Config } from "@/lib/config";
import { logger } from "@/lib/logger";
import { processSingleton } from "@/lib/utils/process-singleton";
import { startSandbox, type RunningSandbox } from "./server";

async function isOurSandbox(config: Config): Promise<boolean> {
  try {
    const { origin, apiKey } = sandboxConnection(config);
    const response = await fetch(`${origin}/_sandbox/state`, {
      headers: { authorization: `Bearer ${apiKey}` },
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Starts the process's sandbox (or finds ours on SANDBOX_PORT) once; later calls return the same promise. */
export function ensureLocalSandbox(config: Config = getConfig()): Promise<RunningSandbox | "external"> {
  return processSingleton("sandbox", async () => {
    try {
      const sandbox = await startSandbox({
        port: config.sandboxPort,
        apiKey: sandboxConnection(config).apiKey,
        dataDir: config.dataDir,
        comfyuiUrl: config.comfyuiUrl,
        keepProcessAlive: false,
      });
      logger.info({ origin: sandbox.origin }, "local sandbox started");
      return sandbox;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE" && (await isOurSandbox(config))) {
        logger.info({ origin: sandboxConnection(config).origin }, "using the sandbox already running on SANDBOX_PORT");
        return "external" as const;
      }
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        throw new Error(
          `SANDBOX_PORT ${config.sandboxPort} is taken by another program (or a sandbox with another key). ` +
            "Free the port or set SANDBOX_PORT.",
        );
      }
      throw error;
    }
  });
}
