/**
 * The Novita-compatible gateway's five calls (lib/gateway) as the OpenAPI document lists them: Novita's paths,
 * bodies and error shape under `/api/novita/v1`. Documentation only — the handlers are lib/gateway/handlers.ts.
 */
import { z } from "zod";
import { runBodySchema } from "@/lib/gateway/handlers";
import type { ApiOperationSpec } from "./route";
import { requestSchemas, responseSchemas } from "./schemas";

const novitaError = z.object({
  code: z.number().describe("The HTTP status."),
  reason: z.string().describe("UNAUTHORIZED, FORBIDDEN, INVALID_REQUEST_BODY, ENDPOINT_NOT_FOUND, TASK_NOT_FOUND, …"),
  message: z.string(),
  metadata: z.record(z.string(), z.string()).optional(),
});
responseSchemas.add(novitaError, { id: "NovitaError", description: "Novita's error shape." });
requestSchemas.add(runBodySchema, { id: "GatewayRunRequest" });

const runAnswer = z.object({ id: z.string().describe("The console's job id."), status: z.string() });
responseSchemas.add(runAnswer, { id: "GatewayJob" });
const statusAnswer = runAnswer.extend({
  delayTime: z.number().optional(),
  executionTime: z.number().optional(),
  output: z.unknown().optional(),
  error: z.string().optional(),
});
responseSchemas.add(statusAnswer, { id: "GatewayJobStatus" });
const healthAnswer = z.object({
  jobs: z.record(z.string(), z.number()),
  workers: z.record(z.string(), z.number()),
});
responseSchemas.add(healthAnswer, { id: "GatewayHealth" });

const route = z.string().min(1).describe("The endpoint's route name (its page shows it) or its id.");
const routeParams = z.object({ route });
const jobParams = z.object({ route, id: z.string().min(1).describe("The console's (or Novita's) job id.") });
const base = { tag: "Novita-compatible gateway", gateway: { errorSchema: novitaError } } as const;

const cancel = {
  ...base,
  path: "/api/novita/v1/{route}/cancel/{id}",
  summary: "Cancel a job (Novita-compatible)",
  description: "Cancels upstream; answers `CANCELLED`, or the final status of a job already finished.",
  role: "operator",
  params: jobParams,
  response: { description: "The job's id and status.", schema: runAnswer },
  errors: { 404: "TASK_NOT_FOUND", 409: "CANNOT_CANCEL" },
} as const;

/** The gateway's calls, by method and path. */
export const GATEWAY_CALLS: ApiOperationSpec[] = [
  {
    ...base,
    method: "POST",
    path: "/api/novita/v1/{route}/run",
    operationId: "gatewayRun",
    summary: "Run a job (Novita-compatible)",
    description:
      "Novita's `/run` with a console token: the ledger row is written first, then Novita is called. " +
      "502 OUTCOME_UNKNOWN when it cannot be known whether Novita queued the job (never re-sent).",
    role: "operator",
    params: routeParams,
    body: runBodySchema,
    response: { description: "The console's job id and status.", schema: runAnswer },
    errors: { 404: "ENDPOINT_NOT_FOUND", 502: "OUTCOME_UNKNOWN, or Novita's own refusal" },
  },
  {
    ...base,
    method: "GET",
    path: "/api/novita/v1/{route}/status/{id}",
    operationId: "gatewayStatus",
    summary: "A job's status (Novita-compatible)",
    description: "Answered from the ledger (no Novita call), kept after Novita's six hours.",
    role: "viewer",
    params: jobParams,
    response: { description: "Novita's status object.", schema: statusAnswer },
    errors: { 404: "TASK_NOT_FOUND" },
  },
  { ...cancel, method: "POST", operationId: "gatewayCancel" },
  { ...cancel, method: "GET", operationId: "gatewayCancelGet", summary: "Cancel a job (older GET form)" },
  {
    ...base,
    method: "GET",
    path: "/api/novita/v1/{route}/health",
    operationId: "gatewayHealth",
    summary: "An endpoint's health (Novita-compatible)",
    description: "Novita's `/health` for the endpoint: job and worker counters.",
    role: "viewer",
    params: routeParams,
    response: { description: "Job and worker counters.", schema: healthAnswer },
    errors: { 404: "ENDPOINT_NOT_FOUND" },
  },
];
