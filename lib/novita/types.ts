/**
 * The console's domain model of Novita's serverless API. Only `lib/novita` knows the wire format; everything
 * else (pages, the tracker, the ledger) speaks these types.
 */

/** What a user configures on an endpoint: the body of create and (full-replace) update. */
export interface EndpointSpec {
  name: string;
  /** Part of the job URL. Novita defaults it to the endpoint id when empty. */
  appName: string;
  workers: {
    min: number;
    max: number;
    /** Seconds an idle worker is kept before it is released (`freeTimeout`). */
    idleTimeoutSeconds: number;
    /** Jobs one worker runs at once (`maxConcurrent`). */
    maxConcurrent: number;
    gpusPerWorker: number;
    requestTimeoutSeconds: number;
  };
  /** One HTTP port, 1–65535 but not 2222–2224. */
  port: number;
  /**
   * `queue`: add a worker when a request has waited `value` seconds.
   * `concurrency`: add a worker when more than `value` requests are queued.
   */
  policy: { type: ScalingPolicyType; value: number };
  image: { image: string; registryAuthId: string | undefined; command: string | undefined };
  /**
   * CUDA version of the workers, from the limits' `cudaVersionList`; undefined lets Novita choose. The v1 docs show
   * it only in responses (`workerConfig.cudaVersion`); the console sends it there, as the create form offers it.
   */
  cudaVersion: string | undefined;
  /** GPU product id; create only (update has no `products`). */
  productId: string;
  /** System disk in GB; create only. */
  rootfsSizeGb: number;
  volumeMounts: VolumeMount[];
  /** Required by Novita when a network volume is mounted: the storage's cluster. */
  clusterId: string | undefined;
  env: EnvVar[];
  /** Not enabled yet by Novita; kept so the console can show and send it. */
  healthCheckPath: string | undefined;
}

export type ScalingPolicyType = "queue" | "concurrency";

export interface EnvVar {
  key: string;
  value: string;
}

export interface VolumeMount {
  type: "local" | "network";
  /** Network storage id (type network). */
  id: string | undefined;
  /** Size in GB (type local). */
  sizeGb: number | undefined;
  mountPath: string;
}

/** Novita's `state` object: `serving` means available; other values are passed through as they come. */
export interface EndpointStatus {
  state: string;
  /** An error code when something is wrong, else "". */
  error: string;
  message: string;
}

export interface EndpointWorker {
  id: string;
  status: EndpointStatus;
  healthy: boolean;
  log: string;
  metrics: string;
}

export interface Endpoint {
  id: string;
  /** `async` or `sync` as Novita reports it; "" when the answer did not say. */
  type: string;
  status: EndpointStatus;
  /** Base URL of the endpoint's HTTP service. */
  url: string;
  spec: EndpointSpec;
  workers: EndpointWorker[];
  /** Name of the endpoint in job URLs: the override when one is given, else the first candidate. */
  jobRouteName: string;
  /** The names it may answer to, most likely first (see `jobRouteCandidates` in route-name.ts). */
  jobRouteCandidates: string[];
}

/** The bounds Novita enforces on an endpoint's settings (`GET /endpoint/limit`). */
export interface EndpointLimits {
  rootfsSizeGb: { min: number; max: number; free: number };
  localVolumeSizeGb: { min: number; max: number; free: number };
  workers: { min: number; max: number };
  idleTimeoutSeconds: { min: number; max: number };
  maxConcurrent: { min: number; max: number };
  /** Bounds of `policy.value` when `policy.type` is `queue` (seconds). */
  queueWaitSeconds: { min: number; max: number };
  /** Bounds of `policy.value` when `policy.type` is `concurrency` (requests). */
  queuedRequests: { min: number; max: number };
  gpusPerWorker: { min: number; max: number };
  requestTimeoutSeconds: { min: number; max: number };
  cudaVersions: string[];
}

export interface GpuProduct {
  id: string;
  name: string;
  /** USD per hour for one GPU; undefined when Novita's answer gave no price the console can read. */
  pricePerHourUsd: number | undefined;
  available: boolean;
}

/**
 * The GPUs a serverless endpoint can use. `serverless`: Novita's serverless list (GPU API v2); `instance`: v2 did not
 * answer and these are GPU-instance products (v1), whose ids serverless may refuse; `none`: neither answered.
 */
export interface GpuCatalog {
  products: GpuProduct[];
  source: "serverless" | "instance" | "none";
  /** Why the list is not the serverless one, in words for people; undefined when it is. */
  notice: string | undefined;
}

/** An image-pull credential. Novita echoes the password back on list; the client drops it on purpose. */
export interface RegistryCredential {
  id: string;
  name: string;
  username: string;
}

export interface NetworkStorage {
  id: string;
  name: string;
  sizeGb: number | undefined;
  clusterId: string | undefined;
}

/** Job states seen from Novita's RunPod-compatible gateway. Anything else is kept as-is and treated as unfinished. */
export const KNOWN_JOB_STATUSES = [
  "PENDING",
  "IN_QUEUE",
  "IN_PROGRESS",
  "COMPLETED",
  "FAILED",
  "CANCELLED",
  "TIMED_OUT",
] as const;
export type KnownJobStatus = (typeof KNOWN_JOB_STATUSES)[number];
export type JobStatus = KnownJobStatus | (string & {});

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"];

export function isTerminalJobStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

export interface Job {
  id: string;
  status: JobStatus;
  /** True for COMPLETED, FAILED, CANCELLED, TIMED_OUT; unknown statuses are not finished. */
  finished: boolean;
  /** Milliseconds from submission until a worker started it. */
  delayTimeMs: number | undefined;
  /** Milliseconds the worker spent on it. */
  executionTimeMs: number | undefined;
  output: unknown;
  /** The worker's error text, as sent (may be JSON text). */
  error: string | undefined;
}

export interface EndpointHealth {
  workers: { idle: number; running: number; throttled: number; total: number };
  jobs: { completed: number; failed: number; inProgress: number; inQueue: number; retried: number };
  /** `stats` when the gateway only had the older `/stats` call (fewer counters; missing ones are 0). */
  source: "health" | "stats";
}
