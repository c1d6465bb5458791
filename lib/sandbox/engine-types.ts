/** The sandbox engine's records: endpoints, workers, jobs, and what persistence stores of them. */
import type { EndpointConfig, EndpointType } from "./endpoint-config";

export const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export type SandboxJobStatus = "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" | "FAILED" | "CANCELLED" | "TIMED_OUT";

/**
 * Novita's endpoint state names (novita-api.md §10.8). The
 * simulation itself moves through creating → serving ⇄ updating.
 */
export const ENDPOINT_STATES = ["serving", "stopped", "failed", "pending", "creating", "updating", "deleting"] as const;
export type EndpointStateName = (typeof ENDPOINT_STATES)[number];

export interface EndpointState {
  state: EndpointStateName;
  error: string;
  message: string;
}

export interface SandboxEndpoint {
  id: string;
  createdAt: number;
  /** Fixed at create: update does not change it. */
  type: EndpointType;
  /** Whether create named an app; without one the app name is the id, and the bare id is a job route too. */
  appNameGiven: boolean;
  config: EndpointConfig;
  /** The simulated lifecycle: `creating` (no workers yet) or `updating` until `readyAt`, then `serving`. */
  state: EndpointState & { state: "creating" | "updating" | "serving" };
  /** When `creating` / `updating` ends. */
  readyAt: number;
  /**
   * A state forced by a test (POST /_sandbox/endpoint-state),
   * shown instead of `state`; `until` null = until changed again.
   */
  forcedState?: EndpointState & { until: number | null };
  counters: { completed: number; failed: number; retried: number };
}

export interface SandboxWorker {
  id: string;
  endpointId: string;
  state: "starting" | "running";
  /** End of the cold start. */
  readyAt: number;
  /** Since when the worker has had no job (for `freeTimeout`). */
  idleSince: number;
  jobIds: Set<string>;
}

export interface SandboxJob {
  id: string;
  endpointId: string;
  input: unknown;
  status: SandboxJobStatus;
  submittedAt: number;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  output: unknown;
  error: string | undefined;
  workerId: string | undefined;
}

export interface WorkerResult {
  output?: unknown;
  error?: string;
}

/** Runs one job on a worker of the endpoint; must stop early when `signal` aborts (cancel, timeout). */
export type WorkerRunner = (job: {
  id: string;
  input: unknown;
  endpoint: SandboxEndpoint;
  signal: AbortSignal;
}) => Promise<WorkerResult>;

export interface EngineTiming {
  /** How long a new worker takes before it can take jobs. */
  coldStartMs: number;
  /** How long a new endpoint stays `creating`; an updated one stays `updating` half as long. */
  endpointStartupMs: number;
  /** How long a finished job's result is kept (Novita: 6 hours). */
  retentionMs: number;
}

export interface EngineSnapshot {
  endpoints: SandboxEndpoint[];
  jobs: SandboxJob[];
}

const FINISHED: ReadonlySet<SandboxJobStatus> = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"]);

export function isFinished(job: SandboxJob): boolean {
  return FINISHED.has(job.status);
}
