/**
 * Two trackers on one database, as two console replicas on one Postgres: they share the jobs (each asked about by one
 * replica per interval), one of them samples `/health`, and when one stops the other finishes its jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { jobEvents, jobs } from "@/lib/db/schema";
import { recordAndSendJobs } from "@/lib/jobs/service";
import { createNovitaClient, type NovitaClient } from "@/lib/novita/client";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { testDatabaseFor } from "@/tests/support/database";
import { eq, inArray } from "drizzle-orm";
import { EventBus } from "./bus";
import { JobTracker, type TrackerGateway } from "./tracker";

const KEY = "sk_replicas_test_key_0000000";
const sandbox = sandboxForTestFile({ apiKey: KEY, coldStartMs: 30, endpointStartupMs: 30, tickMs: 10 });
let client: NovitaClient;
let endpointId: string;

beforeAll(async () => {
  client = createNovitaClient({
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
  });
  const { id } = await client.management.createEndpoint(
    makeEndpointSpec({
      appName: "",
      imageName: "example/sleep-worker:1",
      workers: { ...makeEndpointSpec().workers, min: 4, max: 4, maxConcurrent: 8 },
    }),
  );
  while ((await client.management.getEndpoint(id)).status.state !== "serving")
    await new Promise((resolve) => setTimeout(resolve, 20));
  endpointId = id;
});

/** The gateway as one replica sees it, with every status call's job and time written down. */
function countingGateway(calls: { jobId: string; at: number; replica: string }[], replica: string): TrackerGateway {
  return {
    status: (route, jobId) => {
      calls.push({ jobId, at: Date.now(), replica });
      return client.jobs.status(route, jobId);
    },
    health: (route) => {
      calls.push({ jobId: "health", at: Date.now(), replica });
      return client.jobs.health(route);
    },
  };
}

describe.each(["pglite", "postgres"] as const)("two trackers on one %s database", (engine) => {
  const { skip, database } = testDatabaseFor(engine);
  const handles: DatabaseHandle[] = [];

  async function replicaDb(): Promise<DatabaseHandle> {
    const shared = database();
    if (!shared.url) return shared;
    const handle = await openDatabase({ engine: "postgres", url: shared.url });
    handles.push(handle);
    return handle;
  }

  afterAll(async () => {
    for (const handle of handles) await handle.close();
  });

  it.skipIf(skip)(
    "share the work: each job asked once per interval, one health reader, and a survivor finishes",
    async () => {
      const calls: { jobId: string; at: number; replica: string }[] = [];
      const bus = new EventBus();
      const trackers = await Promise.all(
        ["a", "b"].map(async (name) => {
          const handle = await replicaDb();
          return new JobTracker({
            db: handle.db,
            gateway: countingGateway(calls, name),
            bus,
            replicaId: name,
            loopMs: 50,
          });
        }),
      );
      const sent = await recordAndSendJobs(
        { db: database().db, management: client.management, gateway: client.jobs, bus },
        { endpointId, input: { seconds: 0.6 }, copies: 24, userId: null },
      );
      const ids = sent.map((entry) => entry.job.id);
      for (const tracker of trackers) tracker.start();
      // Replica a "dies" half-way (stops without a word: its leases are left to lapse).
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      trackers[0]!.stop();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rows = await database().db.select({ finished: jobs.finished }).from(jobs).where(inArray(jobs.id, ids));
        if (rows.every((row) => row.finished)) break;
        if (Date.now() > deadline) throw new Error("the survivor did not finish the jobs");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      trackers[1]!.stop();

      const statusCalls = calls.filter((call) => call.jobId !== "health");
      expect(new Set(statusCalls.map((call) => call.replica))).toEqual(new Set(["a", "b"]));
      // No job was asked about twice within one interval (1 s), whichever replicas asked.
      for (const id of sent.map((entry) => entry.job.novitaJobId!)) {
        const times = statusCalls.filter((call) => call.jobId === id).map((call) => call.at);
        for (let index = 1; index < times.length; index += 1)
          expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(900);
      }
      // Each change recorded once, though two replicas followed the jobs.
      const events = await database()
        .db.select({ jobId: jobEvents.jobId, status: jobEvents.status })
        .from(jobEvents)
        .where(inArray(jobEvents.jobId, ids));
      const keys = events.map((event) => `${event.jobId}:${event.status}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(events.filter((event) => event.status === "COMPLETED")).toHaveLength(24);
      // Health was read by the lease holder alone while both ran: never by two replicas in the same second.
      const health = calls.filter((call) => call.jobId === "health");
      expect(health.length).toBeGreaterThan(0);
      for (let index = 1; index < health.length; index += 1)
        if (health[index]!.replica !== health[index - 1]!.replica)
          expect(health[index]!.at - health[index - 1]!.at).toBeGreaterThanOrEqual(900);
      await database().db.delete(jobs).where(eq(jobs.endpointId, endpointId));
    },
  );
});
