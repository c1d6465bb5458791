import { readFileSync } from "node:fs";
import path from "node:path";

/** The sandbox's worker controls (pause keeps jobs queued), for the job specs. */
export async function sandboxWorkers(action: "pause" | "resume", endpointId: string): Promise<void> {
  const port = Number(process.env.E2E_SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 90);
  const key = readFileSync(path.join(process.env.E2E_DATA_DIR!, "sandbox-api-key"), "utf8").trim();
  const response = await fetch(`http://127.0.0.1:${port}/_sandbox/workers/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ endpointId }),
  });
  if (!response.ok) throw new Error(`sandbox ${action} answered ${response.status}`);
}
