import "server-only";
import { getConfig } from "@/lib/config";

/** What the browser may know about the connection: which Novita, never the key. */
export interface ConnectionSummary {
  mode: "local" | "novita";
  /** Host of the management API (the sandbox's loopback address in local mode). */
  apiHost: string;
}

export function connectionSummary(): ConnectionSummary {
  const config = getConfig();
  if (config.mode === "local") return { mode: "local", apiHost: `127.0.0.1:${config.sandboxPort}` };
  return { mode: "novita", apiHost: new URL(config.novitaApiBaseUrl).host };
}
