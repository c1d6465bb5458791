/** What the benchmarks share: a sandbox with the typed client pointed at it, and percentiles. */
import { createNovitaClient, type NovitaClient } from "@/lib/novita/client";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox";

/** The `p`-th percentile of samples sorted ascending (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** An in-memory sandbox on a free port (cold start 100 ms, endpoint startup 50 ms) and a client with `key` on it. */
export async function benchSandbox(key: string): Promise<{ sandbox: RunningSandbox; client: NovitaClient }> {
  const sandbox = await startSandbox({
    port: 0,
    apiKey: key,
    dataDir: undefined,
    coldStartMs: 100,
    endpointStartupMs: 50,
  });
  const client = createNovitaClient({
    apiKey: key,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
  });
  return { sandbox, client };
}
