/**
 * Builds the Novita client from plain settings. No `server-only` here: tests and CLI scripts use it directly;
 * the app goes through `server.ts`, which reads the configuration.
 */
import { createHttpClient, type FetchFunction, type SleepFunction } from "./http";
import { JobGateway } from "./jobs";
import { ManagementApi } from "./management";
import type { RetryPolicy } from "./retry";

export interface NovitaClientOptions {
  /** Management API v1, e.g. https://api.novita.ai/gpu-instance/openapi/v1 */
  apiBaseUrl: string;
  /** Job gateway, e.g. https://async-public.serverless.novita.ai/v1 */
  jobsBaseUrl: string;
  apiKey: string;
  fetch?: FetchFunction;
  /** Per attempt; each call may override it. Default 15 s. */
  timeoutMs?: number;
  /** Applies to GETs only. */
  retry?: Partial<RetryPolicy>;
  sleep?: SleepFunction;
  /** Settings named in "could not reach" advice; default NOVITA_API_BASE_URL / NOVITA_JOBS_BASE_URL. */
  baseUrlSettings?: { api: string; jobs: string };
}

export interface NovitaClient {
  management: ManagementApi;
  jobs: JobGateway;
}

export function createNovitaClient(options: NovitaClientOptions): NovitaClient {
  const settings = options.baseUrlSettings ?? { api: "NOVITA_API_BASE_URL", jobs: "NOVITA_JOBS_BASE_URL" };
  const shared = {
    apiKey: options.apiKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
  };
  return {
    management: new ManagementApi(
      createHttpClient({ ...shared, baseUrl: options.apiBaseUrl, baseUrlVariable: settings.api }),
    ),
    jobs: new JobGateway(createHttpClient({ ...shared, baseUrl: options.jobsBaseUrl, baseUrlVariable: settings.jobs })),
  };
}
