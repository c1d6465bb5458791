/**
 * Builds the Novita client from plain settings. No `server-only` here: tests and CLI scripts use it directly;
 * the app goes through `server.ts`, which reads the configuration.
 */
import { GpuCatalogApi } from "./catalog";
import { createHttpClient, type FetchFunction, type SleepFunction } from "./http";
import { JobGateway } from "./jobs";
import { ManagementApi } from "./management";
import type { AttemptOutcome } from "./reachability";
import type { RetryPolicy } from "./retry";

export interface NovitaClientOptions {
  /** Management API v1, e.g. https://api.novita.ai/gpu-instance/openapi/v1 */
  apiBaseUrl: string;
  /** Job gateway, e.g. https://async-public.serverless.novita.ai/v1 */
  jobsBaseUrl: string;
  /** GPU API v2 (serverless product catalogue); default: `/gpus/v2` on the management API's origin. */
  gpusBaseUrl?: string;
  apiKey: string;
  fetch?: FetchFunction;
  /** Per attempt; each call may override it. Default 15 s. */
  timeoutMs?: number;
  /** Applies to GETs only. */
  retry?: Partial<RetryPolicy>;
  sleep?: SleepFunction;
  /** Every attempt's outcome, for the "Novita unreachable" state (lib/novita/reachability.ts). */
  onAttempt?: (outcome: AttemptOutcome) => void;
  /**
   * Settings named in "could not reach" advice; default
   * NOVITA_API_BASE_URL / NOVITA_JOBS_BASE_URL / NOVITA_GPUS_BASE_URL.
   */
  baseUrlSettings?: { api: string; jobs: string; gpus?: string };
}

export interface NovitaClient {
  management: ManagementApi;
  jobs: JobGateway;
  catalog: GpuCatalogApi;
}

export function gpusBaseUrlOf(options: Pick<NovitaClientOptions, "apiBaseUrl" | "gpusBaseUrl">): string {
  return options.gpusBaseUrl ?? `${new URL(options.apiBaseUrl).origin}/gpus/v2`;
}

export function createNovitaClient(options: NovitaClientOptions): NovitaClient {
  const settings = options.baseUrlSettings ?? { api: "NOVITA_API_BASE_URL", jobs: "NOVITA_JOBS_BASE_URL" };
  const shared = {
    apiKey: options.apiKey,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    sleep: options.sleep,
    onAttempt: options.onAttempt,
  };
  const management = new ManagementApi(
    createHttpClient({ ...shared, baseUrl: options.apiBaseUrl, baseUrlVariable: settings.api }),
  );
  const gpusHttp = createHttpClient({
    ...shared,
    baseUrl: gpusBaseUrlOf(options),
    baseUrlVariable: settings.gpus ?? "NOVITA_GPUS_BASE_URL",
  });
  return {
    management,
    jobs: new JobGateway(createHttpClient({ ...shared, baseUrl: options.jobsBaseUrl, baseUrlVariable: settings.jobs })),
    catalog: new GpuCatalogApi(gpusHttp, management),
  };
}
