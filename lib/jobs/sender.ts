/**
 * The background sender of the outbox (lib/jobs/outbox.ts): sends the jobs a request left (a big batch past its
 * budget, a request whose process died, a job Novita answered 429 for), and settles the sends whose process died
 * mid-call as "outcome unknown". Rows are claimed with SKIP LOCKED, so replicas share the work; a Novita 429 seen
 * anywhere pauses every replica's sends and polls alike.
 */
import { clusterPausedUntil, NOVITA_PAUSE } from "@/lib/cluster/lease";
import type { Database } from "@/lib/db/client";
import { jobRouteOf, type RoutedEndpoint } from "@/lib/endpoints/job-route";
import { forEachLimited } from "@/lib/tracker/concurrency";
import { BackgroundLoop } from "@/lib/utils/loop";
import { claimToSend, settleAbandonedSends } from "./outbox";
import type { JobRow } from "./ledger";
import {
  jobEvent,
  routedEndpoint,
  SEND_CONCURRENCY,
  SEND_LEASE_MS,
  sendClaimedJob,
  type JobServiceDeps,
} from "./service";

export interface JobSenderOptions {
  /** The services as they are now (the Novita client follows the key stored in Settings). */
  deps: () => Promise<JobServiceDeps>;
  loopMs?: number;
  /** A request sends its own jobs first: rows younger than this are left to it. */
  graceMs?: number;
  onError?: (error: unknown, context: string) => void;
}

export class JobSender {
  private readonly loop: BackgroundLoop;

  constructor(private readonly options: JobSenderOptions) {
    this.loop = new BackgroundLoop(
      () => this.tick(),
      options.loopMs ?? 500,
      (error) => options.onError?.(error, "sender tick"),
    );
  }

  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  /** One pass: settle abandoned sends, then send what is due (unless Novita asked for quiet). */
  async tick(now = new Date()): Promise<void> {
    const deps = await this.options.deps();
    await deps.db.transaction(async (tx) => {
      for (const row of await settleAbandonedSends(tx as Database, now))
        await deps.bus.publish(jobEvent(row), tx as Database);
    });
    if (await clusterPausedUntil(deps.db, NOVITA_PAUSE, now)) return;
    const claimed = await claimToSend(deps.db, {
      olderThan: new Date(now.getTime() - (this.options.graceMs ?? 2_000)),
      limit: SEND_CONCURRENCY * 2,
      leaseMs: SEND_LEASE_MS,
      now,
    });
    const byEndpoint = new Map<string, JobRow[]>();
    for (const row of claimed) byEndpoint.set(row.endpointId, [...(byEndpoint.get(row.endpointId) ?? []), row]);
    for (const [endpointId, rows] of byEndpoint) await this.sendTo(deps, endpointId, rows);
  }

  private async sendTo(deps: JobServiceDeps, endpointId: string, rows: JobRow[]) {
    // An endpoint Novita cannot describe now is still sent to by the route the jobs were recorded with: the run
    // call's own answer (not found, refused) is then what the jobs show.
    const endpoint: RoutedEndpoint = await routedEndpoint(deps, endpointId).catch(() => ({
      id: endpointId,
      jobRouteCandidates: [rows[0]!.routeName],
    }));
    const route = { current: await jobRouteOf(deps.db, endpoint) };
    const send = async (row: JobRow) => {
      try {
        await sendClaimedJob(deps, endpoint, route, row);
      } catch (error) {
        this.options.onError?.(error, `send of job ${row.id}`);
      }
    };
    // Until a route name has answered, the first job finds it alone (each parallel call would try every candidate).
    const [first, ...rest] = rows;
    const guessing = route.current.source === "guess";
    if (guessing && first) await send(first);
    await forEachLimited(guessing ? rest : rows, SEND_CONCURRENCY, send);
  }
}
