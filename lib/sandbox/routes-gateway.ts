/**
 * The job gateway under /v1/{routeName}: run, status, cancel, health, stats. Its error codes are unpublished, so
 * it answers the RunPod-style way: 404 for an unknown route name or job.
 */
import { z } from "zod";
import type { SandboxEndpoint, SandboxJob } from "./engine";
import {
  HttpError,
  MAX_JOB_BODY_BYTES,
  MAX_MANAGEMENT_BODY_BYTES,
  parseBody,
  type Route,
  type SandboxContext,
} from "./http";

/** The status reply: `id`, `status`, `delayTime`/`executionTime` once started, `output`/`error` when there are some. */
export function wireJob(job: SandboxJob, now: number) {
  const body: Record<string, unknown> = { id: job.id, status: job.status };
  if (job.startedAt !== undefined) {
    body.delayTime = job.startedAt - job.submittedAt;
    body.executionTime = (job.finishedAt ?? now) - job.startedAt;
  }
  if (job.output !== undefined) body.output = job.output;
  if (job.error !== undefined) body.error = job.error;
  return body;
}

function countStatusCall(context: SandboxContext, jobId: string, now = Date.now()) {
  const seen = context.statusCalls.get(jobId);
  if (!seen) {
    context.statusCalls.set(jobId, { calls: 1, lastAt: now, shortestGapMs: null });
    return;
  }
  const gap = now - seen.lastAt;
  seen.calls += 1;
  seen.lastAt = now;
  seen.shortestGapMs = seen.shortestGapMs === null ? gap : Math.min(seen.shortestGapMs, gap);
}

export function gatewayRoutes(context: SandboxContext): Route[] {
  const { engine } = context;
  const requireRoute = (name: string) => {
    const endpoint = engine.resolveRouteName(name, context.quirks.defaultAppRoute);
    if (!endpoint) {
      throw new HttpError(
        404,
        "ENDPOINT_NOT_FOUND",
        `no endpoint is named ${name} ` +
          "(use <endpoint-id>-<app-name>, or the bare endpoint id when it was created without an app name)",
      );
    }
    return endpoint;
  };
  const requireJob = (endpoint: SandboxEndpoint, jobId: string) => {
    const job = engine.getJob(endpoint, jobId);
    if (!job)
      throw new HttpError(
        404,
        "TASK_NOT_FOUND",
        `job ${jobId} not found: it never existed on this endpoint or its result expired`,
      );
    return job;
  };

  return [
    {
      method: "POST",
      pattern: /^\/v1\/([^/]+)\/run$/,
      operation: "jobs.run",
      bodyLimit: MAX_JOB_BODY_BYTES,
      handle: async ({ params, body }) => {
        const endpoint = requireRoute(params[0]!);
        const { input } = parseBody(z.object({ input: z.unknown() }), await body(), { reason: "INVALID_REQUEST_BODY" });
        if (input === undefined)
          throw new HttpError(400, "INVALID_REQUEST_BODY", 'body must be {"input": {...}}', { field: "input" });
        const job = engine.submitJob(endpoint, input);
        return { id: job.id, status: "PENDING" };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/([^/]+)\/status\/([^/]+)$/,
      operation: "jobs.status",
      bodyLimit: 0,
      handle: ({ params }) => {
        const job = requireJob(requireRoute(params[0]!), params[1]!);
        countStatusCall(context, job.id);
        return wireJob(job, Date.now());
      },
    },
    {
      // The newest guide cancels with POST, the older one with GET: both work.
      method: ["POST", "GET"],
      pattern: /^\/v1\/([^/]+)\/cancel\/([^/]+)$/,
      operation: "jobs.cancel",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: ({ params }) => {
        const job = engine.cancelJob(requireJob(requireRoute(params[0]!), params[1]!));
        return { id: job.id, status: job.status };
      },
    },
    {
      method: "GET",
      pattern: /^\/v1\/([^/]+)\/health$/,
      operation: "jobs.health",
      bodyLimit: 0,
      handle: ({ params }) => engine.health(requireRoute(params[0]!)),
    },
    {
      method: "GET",
      pattern: /^\/v1\/([^/]+)\/stats$/,
      operation: "jobs.stats",
      bodyLimit: 0,
      handle: ({ params }) => {
        const endpoint = requireRoute(params[0]!);
        const health = engine.health(endpoint);
        return {
          busy_workers: health.workers.running,
          endpoint: endpoint.id,
          in_progress: health.jobs.inProgress,
          pending: health.jobs.inQueue,
          total_workers: health.workers.total,
        };
      },
    },
  ];
}
