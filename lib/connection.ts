import "server-only";
import { getConfig, sandboxConnection } from "@/lib/config";

/** What the browser may know about the connection: which Novita, never the key. */
export interface ConnectionSummary {
  mode: "local" | "novita";
  /** Host of the management API (the sandbox's loopback address in local mode). */
  apiHost: string;
  /** The job gateway's base URL, for the API snippets people copy. */
  jobsBaseUrl: string;
}

export function connectionSummary(): ConnectionSummary {
  const config = getConfig();
  if (config.mode === "local") {
    const { origin } = sandboxConnection(config);
    return { mode: "local", apiHost: new URL(origin).host, jobsBaseUrl: `${origin}/v1` };
  }
  return { mode: "novita", apiHost: new URL(config.novitaApiBaseUrl).host, jobsBaseUrl: config.novitaJobsBaseUrl };
}
