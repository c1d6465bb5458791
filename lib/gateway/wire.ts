/**
 * The console's Novita-compatible job gateway speaks Novita's wire format (docs/novita-api.md, "Job gateway"):
 * run answers `{id, status}`, status `{id, status, delayTime?, executionTime?, output?, error?}`, errors
 * `{code, reason, message, metadata?}` — the shape of Novita's API errors, which its gateway is read to share.
 */
import type { JobRow } from "@/lib/jobs/ledger";

/** A job's status object, from the ledger: what Novita's `/status/{id}` answers, kept after Novita's six hours. */
export function wireJobStatus(job: JobRow): Record<string, unknown> {
  const body: Record<string, unknown> = { id: job.id, status: job.status };
  if (job.delayTimeMs !== null) body.delayTime = job.delayTimeMs;
  if (job.executionTimeMs !== null) body.executionTime = job.executionTimeMs;
  if (job.output !== null && job.output !== undefined) body.output = job.output;
  if (job.error) body.error = job.error;
  return body;
}

/** An error answer in Novita's shape. */
export function gatewayError(status: number, reason: string, message: string, metadata?: Record<string, string>) {
  return Response.json(
    { code: status, reason, message, ...(metadata ? { metadata } : {}) },
    { status, headers: { "cache-control": "no-store" } },
  );
}

/** Whether `route` names the job's endpoint: its route name, its id, or `<id>-<app name>`. No Novita call. */
export function routeNamesJob(route: string, job: Pick<JobRow, "routeName" | "endpointId">): boolean {
  return route === job.routeName || route === job.endpointId || route.startsWith(`${job.endpointId}-`);
}

/** A path the gateway does not serve: 404 naming the calls it does (async endpoints have no `runsync`). */
export function unknownGatewayCall(call: string) {
  return gatewayError(
    404,
    "NOT_FOUND",
    `The gateway has no "${call}" call: it serves POST /{route}/run, GET /{route}/status/{id}, ` +
      "POST or GET /{route}/cancel/{id} and GET /{route}/health (async endpoints: no runsync).",
  );
}
