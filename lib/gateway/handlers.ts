import "server-only";
import { eq, or } from "drizzle-orm";
import { z } from "zod";
import { runAudited } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { readJsonBody } from "@/lib/api/body";
import { tokenCallerOf } from "@/lib/api/bearer";
import { API_RATE, apiRateLimiter } from "@/lib/api/v1/rate-limit";
import { hasRole, type Role } from "@/lib/auth/roles";
import type { Database } from "@/lib/db/client";
import { endpointRecords, jobs } from "@/lib/db/schema";
import { callOnJobRoute, type RoutedEndpoint } from "@/lib/endpoints/job-route";
import { DatabaseUnavailable, noteDatabaseFailure } from "@/lib/db/availability";
import { isConsoleError, UNAVAILABLE_RETRY_AFTER_S } from "@/lib/errors";
import type { JobRow } from "@/lib/jobs/ledger";
import { cancelJobs, recordAndSendJobs, type JobServiceDeps } from "@/lib/jobs/service";
import { isNovitaError } from "@/lib/novita/errors";
import { getNovitaClient } from "@/lib/novita/process";
import type { TokenCaller } from "@/lib/tokens/service";
import { jobServiceDeps } from "@/lib/tracker/process";
import { processSingleton } from "@/lib/utils/process-singleton";
import { gatewayError, routeNamesJob, wireJobStatus } from "./wire";

/** The body of the gateway's `run`: Novita's `{"input": …}` (and RunPod's `webhook`). */
export const runBodySchema = z.object({ input: z.unknown(), webhook: z.string().optional() }).passthrough();

type Handler = (caller: TokenCaller) => Promise<Response>;

/**
 * Token first (401 in Novita's shape), then role (403), then the token's rate (429 with Retry-After, the bucket the
 * REST API uses): nothing runs for a refused caller. Status reads only the ledger, so `unlimited` lets it through.
 */
async function withToken(
  request: Request,
  minRole: Role,
  handler: Handler,
  { unlimited = false }: { unlimited?: boolean } = {},
): Promise<Response> {
  let caller: TokenCaller | undefined;
  try {
    caller = (await tokenCallerOf(request)) ?? undefined;
  } catch (error) {
    if (noteDatabaseFailure(error)) return unavailable();
    throw error;
  }
  if (!caller) {
    return gatewayError(
      401,
      "UNAUTHORIZED",
      "Missing, unknown, revoked or expired console token: send Authorization: Bearer <token> " +
        "(Settings → API tokens).",
    );
  }
  if (!hasRole(caller.user.role, minRole)) {
    return gatewayError(
      403,
      "FORBIDDEN",
      `This call needs the ${minRole} role; the token acts as ${caller.user.role}.`,
    );
  }
  const rate = unlimited ? undefined : apiRateLimiter().take(`token:${caller.token.id}`);
  if (rate && !rate.allowed) {
    const response = gatewayError(
      429,
      "RATE_LIMIT_EXCEEDED",
      `Over ${API_RATE.perSecond} requests a second (bursts of ${API_RATE.burst}) for this token: ` +
        `retry after ${rate.retryAfterSeconds} s. Status calls are not limited.`,
    );
    response.headers.set("retry-after", String(rate.retryAfterSeconds));
    return response;
  }
  try {
    return await handler(caller);
  } catch (error) {
    if (noteDatabaseFailure(error) || (isConsoleError(error) && error.code === "unavailable")) return unavailable();
    if (isConsoleError(error)) {
      const status = error.code === "not_found" ? 404 : error.code === "invalid" ? 400 : 500;
      return gatewayError(status, error.code === "not_found" ? "NOT_FOUND" : "INVALID_REQUEST_BODY", error.message);
    }
    if (isNovitaError(error)) return novitaFailure(error.status, error.reason, error.userMessage);
    throw error;
  }
}

/** The console's database is missing: 503 in the gateway's shape, with when to ask again. */
function unavailable(): Response {
  const response = gatewayError(503, "SERVICE_UNAVAILABLE", new DatabaseUnavailable().message);
  response.headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_S));
  return response;
}

function novitaFailure(status: number | undefined, reason: string | undefined, message: string) {
  return gatewayError(status && status >= 400 ? status : 502, reason || "UPSTREAM_ERROR", message);
}

/**
 * The endpoint a route names: a route name set by hand or learned, else `<id>` or `<id>-<app name>` checked against
 * the endpoint's candidates; undefined when none matches.
 */
async function findEndpointOfRoute(deps: JobServiceDeps, route: string): Promise<RoutedEndpoint | undefined> {
  const [record] = await deps.db
    .select({ endpointId: endpointRecords.endpointId })
    .from(endpointRecords)
    .where(or(eq(endpointRecords.jobRouteNameOverride, route), eq(endpointRecords.jobRouteNameLearned, route)));
  const ids = [record?.endpointId, route, route.split("-")[0]].filter((id): id is string => Boolean(id));
  for (const id of new Set(ids)) {
    const endpoint = await deps.management.getEndpoint(id).catch((error: unknown) => {
      if (isNovitaError(error) && error.kind === "not_found") return undefined;
      throw error;
    });
    if (endpoint && (id === record?.endpointId || route === id || endpoint.jobRouteCandidates.includes(route))) {
      return endpoint;
    }
  }
  return undefined;
}

/** How long a route's endpoint, once found, is reused: scripts send many runs, each would cost Novita calls. */
export const ROUTE_REUSE_MS = 30_000;

/**
 * The endpoint a route names, found at most once per ROUTE_REUSE_MS per process (a route that names nothing is
 * looked up again each time, so a new endpoint answers at once). An endpoint deleted meanwhile makes the run call
 * itself fail with Novita's not-found, which is passed on.
 */
async function endpointOfRoute(deps: JobServiceDeps, route: string): Promise<RoutedEndpoint | undefined> {
  const found = processSingleton("gateway-routes", () => new Map<string, { endpoint: RoutedEndpoint; at: number }>());
  const known = found.get(route);
  if (known && Date.now() - known.at < ROUTE_REUSE_MS) return known.endpoint;
  const endpoint = await findEndpointOfRoute(deps, route);
  found.delete(route);
  if (endpoint) {
    if (found.size >= 1_000) found.delete(found.keys().next().value!);
    found.set(route, {
      endpoint: { id: endpoint.id, jobRouteCandidates: endpoint.jobRouteCandidates },
      at: Date.now(),
    });
  }
  return endpoint;
}

function routeNotFound(route: string) {
  return gatewayError(
    404,
    "ENDPOINT_NOT_FOUND",
    `No endpoint is named ${route}: use the endpoint's route name (its page shows it) or its id.`,
  );
}

async function jobOnRoute(db: Database, route: string, id: string): Promise<JobRow | undefined> {
  const [job] = await db
    .select()
    .from(jobs)
    .where(or(eq(jobs.id, id), eq(jobs.novitaJobId, id)))
    .limit(1);
  return job && routeNamesJob(route, job) ? job : undefined;
}

function jobNotFound(id: string) {
  return gatewayError(404, "TASK_NOT_FOUND", `No job ${id} on this endpoint in the console's ledger.`);
}

/** POST /{route}/run `{"input": …, "webhook"?}` → `{id, status}`; the ledger row comes before the upstream call. */
export function runJob(request: Request, route: string): Promise<Response> {
  return withToken(request, "operator", async (caller) => {
    const parsed = runBodySchema.safeParse(await readJsonBody(request));
    if (!parsed.success || parsed.data.input === undefined) {
      return gatewayError(400, "INVALID_REQUEST_BODY", 'The body must be {"input": {...}}.', { field: "input" });
    }
    const deps = await jobServiceDeps();
    const endpoint = await endpointOfRoute(deps, route);
    if (!endpoint) return routeNotFound(route);
    const input = parsed.data.input;
    const audit = { action: "job.send", targetType: "endpoint", targetId: () => endpoint.id };
    const result = await runAudited(caller, audit, { endpointId: endpoint.id, input }, async (trail) => {
      const [sent] = await recordAndSendJobs(deps, {
        endpointId: endpoint.id,
        input,
        copies: 1,
        userId: caller.user.id,
        endpoint,
        webhook: parsed.data.webhook,
      });
      trail.after({ copies: 1, jobIds: [sent!.job.id], input, via: "gateway" });
      return ok(sent!);
    });
    if (!result.ok) return gatewayError(400, "INVALID_REQUEST_BODY", result.error.message);
    const { job, failure } = result.data;
    if (failure?.outcomeUnknown) {
      return gatewayError(
        502,
        "OUTCOME_UNKNOWN",
        `${failure.userMessage} The job is in the console as "outcome unknown" (${job.id}); it was not sent again. ` +
          "Settle it on its page before sending it once more.",
        { id: job.id },
      );
    }
    if (failure) return novitaFailure(failure.status, failure.reason, failure.userMessage);
    return Response.json({ id: job.id, status: job.status }, { headers: { "cache-control": "no-store" } });
  });
}

/** GET /{route}/status/{id}: answered from the ledger (the tracker keeps it fresh), no Novita call. */
export function jobStatus(request: Request, route: string, id: string): Promise<Response> {
  return withToken(
    request,
    "viewer",
    async () => {
      const { db } = await jobServiceDeps();
      const job = await jobOnRoute(db, route, id);
      return job ? Response.json(wireJobStatus(job), { headers: { "cache-control": "no-store" } }) : jobNotFound(id);
    },
    { unlimited: true },
  );
}

/** POST or GET /{route}/cancel/{id} → `{id, status}`. A finished job answers its final status; nothing is sent. */
export function cancelJob(request: Request, route: string, id: string): Promise<Response> {
  return withToken(request, "operator", async (caller) => {
    const deps = await jobServiceDeps();
    const job = await jobOnRoute(deps.db, route, id);
    if (!job) return jobNotFound(id);
    if (job.finished) return Response.json({ id: job.id, status: job.status });
    const audit = { action: "job.cancel", targetType: "job", targetId: () => job.id };
    const result = await runAudited(caller, audit, { ids: [job.id] }, async () => ok(await cancelJobs(deps, [job.id])));
    if (!result.ok) return gatewayError(502, "UPSTREAM_ERROR", result.error.message);
    const skipped = result.data.skipped[0];
    if (skipped) return gatewayError(409, "CANNOT_CANCEL", `The job was not cancelled: ${skipped.reason}.`);
    return Response.json({ id: job.id, status: "CANCELLED" }, { headers: { "cache-control": "no-store" } });
  });
}

/** GET /{route}/health: Novita's counters for the endpoint, in its `{jobs, workers}` shape. */
export function endpointHealth(request: Request, route: string): Promise<Response> {
  return withToken(request, "viewer", async () => {
    const deps = await jobServiceDeps();
    const endpoint = await endpointOfRoute(deps, route);
    if (!endpoint) return routeNotFound(route);
    const gateway = getNovitaClient().jobs;
    const { value: health } = await callOnJobRoute(deps.db, endpoint, (name) => gateway.health(name));
    return Response.json({ jobs: health.jobs, workers: health.workers }, { headers: { "cache-control": "no-store" } });
  });
}
