/** Novita's RunPod-compatible async job gateway (`async-public.serverless.novita.ai/v1/{routeName}/…`). */
import { tooLargeDetails } from "./error-details";
import { NovitaError } from "./errors";
import type { HttpClient } from "./http";
import { statsToHealth, toHealth, toJob } from "./mapping";
import type { EndpointHealth, Job } from "./types";
import { wireHealth, wireIgnoredBody, wireJobStatus, wireRunResponse, wireStats } from "./wire";

/** Novita's limit on a job request body (`{"input": …}` as sent). */
export const MAX_JOB_REQUEST_BYTES = 4 * 1024 * 1024;

const segment = encodeURIComponent;

export class JobGateway {
  constructor(private readonly http: HttpClient) {}

  /**
   * Submits a job. Never repeated automatically: a failure with `outcomeUnknown` may still have queued it.
   * Bodies over 4 MiB are refused here, before uploading megabytes only to get a 413.
   */
  async run(routeName: string, input: unknown): Promise<Job> {
    const body = JSON.stringify({ input });
    const bytes = Buffer.byteLength(body, "utf8");
    if (bytes > MAX_JOB_REQUEST_BYTES) throw new NovitaError(tooLargeDetails("run job", bytes, MAX_JOB_REQUEST_BYTES));
    const answer = await this.http.request({
      operation: "run job",
      method: "POST",
      path: `/${segment(routeName)}/run`,
      body,
      schema: wireRunResponse,
    });
    return toJob(answer);
  }

  /** A `not_found` error means the job is unknown or past Novita's 6-hour retention. */
  async status(routeName: string, jobId: string): Promise<Job> {
    const answer = await this.http.request({
      operation: "get job status",
      method: "GET",
      path: `/${segment(routeName)}/status/${segment(jobId)}`,
      schema: wireJobStatus,
    });
    return toJob(answer, jobId);
  }

  /** The older guide cancelled with GET; the current one, and this client, use POST. */
  async cancel(routeName: string, jobId: string): Promise<void> {
    await this.http.request({
      operation: "cancel job",
      method: "POST",
      path: `/${segment(routeName)}/cancel/${segment(jobId)}`,
      schema: wireIgnoredBody,
    });
  }

  /** `/health`, or the older gateway's `/stats` when `/health` does not exist there. */
  async health(routeName: string): Promise<EndpointHealth> {
    try {
      const answer = await this.http.request({
        operation: "get endpoint health",
        method: "GET",
        path: `/${segment(routeName)}/health`,
        schema: wireHealth,
      });
      return toHealth(answer);
    } catch (error) {
      if (!(error instanceof NovitaError && error.kind === "not_found")) throw error;
    }
    const stats = await this.http.request({
      operation: "get endpoint stats",
      method: "GET",
      path: `/${segment(routeName)}/stats`,
      schema: wireStats,
    });
    return statsToHealth(stats);
  }
}
