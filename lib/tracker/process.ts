import "server-only";
import { getDb } from "@/lib/db/client";
import { callOnJobRoute, jobRoutesOf } from "@/lib/endpoints/job-route";
import type { JobServiceDeps } from "@/lib/jobs/service";
import { logger } from "@/lib/logger";
import { isNovitaError } from "@/lib/novita/errors";
import { getNovitaClient } from "@/lib/novita/process";
import { getOutputArchiver } from "@/lib/outputs/process";
import { processSingletonPromise } from "@/lib/utils/process-singleton";
import { webhookPolicyNow } from "@/lib/webhooks/process";
import { replicaId } from "@/lib/cluster/lease";
import { getEventBus } from "./bus";
import { JobSender } from "@/lib/jobs/sender";
import { JobTracker } from "./tracker";

/**
 * `/health` on a route name; when Novita does not know that name (an endpoint whose route name has not been
 * confirmed yet), the endpoint's other candidates are tried and the one that answers is remembered.
 */
async function healthFindingRoute(routeName: string, endpointId: string) {
  const { jobs, management } = getNovitaClient();
  try {
    return await jobs.health(routeName);
  } catch (error) {
    if (!isNovitaError(error) || error.kind !== "not_found") throw error;
    const endpoint = await management.getEndpoint(endpointId);
    return (await callOnJobRoute(await getDb(), endpoint, (name) => jobs.health(name))).value;
  }
}

/** Starts the tracker once per server process (instrumentation.ts); later calls return the same one. */
export function startJobTracker(): Promise<JobTracker> {
  return processSingletonPromise("tracker", startTracker);
}

async function startTracker(): Promise<JobTracker> {
  const archiver = await getOutputArchiver();
  // The client is looked up per call: a key stored or removed in Settings switches the tracker with everyone else.
  const tracker = new JobTracker({
    db: await getDb(),
    gateway: {
      status: (routeName, jobId) => getNovitaClient().jobs.status(routeName, jobId),
      health: (routeName, endpointId) => healthFindingRoute(routeName, endpointId),
    },
    bus: getEventBus(),
    replicaId: replicaId(),
    // Each endpoint's route name as the console knows it (a person's choice, else the one that last answered).
    watchedRoutes: async () => {
      const endpoints = await getNovitaClient().management.listEndpoints();
      const routes = await jobRoutesOf(await getDb(), endpoints);
      return endpoints.map((endpoint) => ({ endpointId: endpoint.id, routeName: routes.get(endpoint.id)!.name }));
    },
    onError: (error, context) =>
      logger.warn({ err: error instanceof Error ? error.message : String(error), context }, "tracker"),
    onJobCompleted: (job) => archiver.enqueue(job.id),
  });
  tracker.start();
  // The outbox's sender: what requests left to send, and sends abandoned by a process that died mid-call.
  new JobSender({
    deps: jobServiceDeps,
    onError: (error, context) =>
      logger.warn({ err: error instanceof Error ? error.message : String(error), context }, "sender"),
  }).start();
  // The archive queue lives in the jobs table: the loop also resumes jobs that completed while no server was running.
  archiver.start();
  return tracker;
}

export async function jobServiceDeps(): Promise<JobServiceDeps> {
  const client = getNovitaClient();
  const archiver = await getOutputArchiver();
  return {
    db: await getDb(),
    management: client.management,
    gateway: client.jobs,
    bus: getEventBus(),
    onJobCompleted: (job) => archiver.enqueue(job.id),
    webhookPolicy: webhookPolicyNow(),
  };
}
