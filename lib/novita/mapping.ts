/** Wire ↔ domain. Requests are built here too, so the quirks of each call's body live in one place. */
import { jobRouteCandidates } from "./route-name";
import type {
  Endpoint,
  EndpointHealth,
  EndpointLimits,
  EndpointSpec,
  EndpointStatus,
  GpuProduct,
  Job,
  NetworkStorage,
  RegistryCredential,
  VolumeMount,
} from "./types";
import { isTerminalJobStatus } from "./types";
import type {
  WireEndpointDetail,
  WireEndpointLimits,
  WireGpuProduct,
  WireHealth,
  WireJobStatus,
  WireNetworkStorage,
  WireRegistryCredential,
  WireServerlessProduct,
  WireState,
  WireStats,
} from "./wire";

const PRICE_UNITS_PER_USD = 100_000;

function toStatus(state: WireState | null | undefined): EndpointStatus {
  return { state: state?.state ?? "", error: state?.error ?? "", message: state?.message ?? "" };
}

/** Novita sends "" for "not set"; the domain says undefined. */
function presentOrUndefined(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

export function toEndpoint(detail: WireEndpointDetail, routeNameOverride?: string): Endpoint {
  const appName = detail.appName ?? "";
  const workerConfig = detail.workerConfig;
  const candidates = jobRouteCandidates(detail.id, appName);
  const override = presentOrUndefined(routeNameOverride?.trim());
  return {
    id: detail.id,
    type: detail.type?.toLowerCase() ?? "",
    status: toStatus(detail.state),
    url: detail.url ?? "",
    workers: (detail.workers ?? []).map((worker) => ({
      id: worker.id,
      status: toStatus(worker.state),
      healthy: worker.healthy ?? false,
      log: worker.log ?? "",
      metrics: worker.metrics ?? "",
    })),
    jobRouteName: override ?? candidates[0]!,
    jobRouteCandidates: candidates,
    spec: {
      name: detail.name ?? "",
      appName,
      workers: {
        min: workerConfig?.minNum ?? 0,
        max: workerConfig?.maxNum ?? 0,
        idleTimeoutSeconds: workerConfig?.freeTimeout ?? 0,
        maxConcurrent: workerConfig?.maxConcurrent ?? 0,
        gpusPerWorker: workerConfig?.gpuNum ?? 0,
        requestTimeoutSeconds: workerConfig?.requestTimeout ?? 0,
      },
      // Novita allows exactly one HTTP port; 0 marks "none sent" so a form shows it as missing.
      port: detail.ports?.[0]?.port ?? 0,
      // Only two types exist (§1.1); anything unexpected is shown as the default rather than failing the list.
      policy: {
        type: detail.policy?.type?.toLowerCase() === "concurrency" ? "concurrency" : "queue",
        value: detail.policy?.value ?? 0,
      },
      image: {
        image: detail.image?.image ?? "",
        registryAuthId: presentOrUndefined(detail.image?.authId),
        command: presentOrUndefined(detail.image?.command),
      },
      cudaVersion: presentOrUndefined(workerConfig?.cudaVersion),
      productId: detail.products?.[0]?.id ?? "",
      rootfsSizeGb: detail.rootfsSize ?? 0,
      volumeMounts: (detail.volumeMounts ?? []).map((mount): VolumeMount => ({
        type: mount.type?.toLowerCase() === "network" ? "network" : "local",
        id: presentOrUndefined(mount.id),
        sizeGb: mount.size ?? undefined,
        mountPath: mount.mountPath ?? "",
      })),
      clusterId: presentOrUndefined(detail.clusterID),
      env: (detail.envs ?? []).map((env) => ({ key: env.key, value: env.value ?? "" })),
      healthCheckPath: presentOrUndefined(detail.healthy?.path),
    },
  };
}

/** Fields that create and update share. Novita wants integers in requests, and the port as a string. */
function sharedRequestFields(spec: EndpointSpec) {
  return {
    name: spec.name,
    workerConfig: {
      minNum: Math.round(spec.workers.min),
      maxNum: Math.round(spec.workers.max),
      freeTimeout: Math.round(spec.workers.idleTimeoutSeconds),
      maxConcurrent: Math.round(spec.workers.maxConcurrent),
      gpuNum: Math.round(spec.workers.gpusPerWorker),
      requestTimeout: Math.round(spec.workers.requestTimeoutSeconds),
      ...(spec.cudaVersion ? { cudaVersion: spec.cudaVersion } : {}),
    },
    ports: [{ port: String(Math.round(spec.port)) }],
    policy: { type: spec.policy.type, value: Math.round(spec.policy.value) },
    // Update is a full replace, so "no credential / no command" is sent as "" rather than left out.
    image: { image: spec.image.image, authId: spec.image.registryAuthId ?? "", command: spec.image.command ?? "" },
    volumeMounts: spec.volumeMounts.map(toWireVolumeMount),
    clusterID: spec.clusterId ?? "",
    envs: spec.env.map((env) => ({ key: env.key, value: env.value })),
    // Health checks are "not enabled yet" on Novita: an empty path is left out rather than sent for validation.
    ...(spec.healthCheckPath ? { healthy: { path: spec.healthCheckPath } } : {}),
  };
}

function toWireVolumeMount(mount: VolumeMount) {
  return mount.type === "network"
    ? { type: "network", id: mount.id ?? "", mountPath: mount.mountPath }
    : { type: "local", size: Math.round(mount.sizeGb ?? 0), mountPath: mount.mountPath };
}

/** `POST /endpoint/create` wants everything inside `{endpoint: …}`. */
export function toCreateRequest(spec: EndpointSpec) {
  return {
    endpoint: {
      ...sharedRequestFields(spec),
      // The console makes async endpoints; v1's default is unknown (§10.2), so it says so.
      type: "async",
      appName: spec.appName,
      products: [{ id: spec.productId }],
      rootfsSize: Math.round(spec.rootfsSizeGb),
    },
  };
}

/**
 * `POST /endpoint/update` is not wrapped and replaces everything it lists; it has no `products`, `rootfsSize`
 * or `appName`, so those stay as created.
 */
export function toUpdateRequest(id: string, spec: EndpointSpec) {
  return { id, ...sharedRequestFields(spec) };
}

/** `requestedId`: the id the caller asked about, for replies that leave it out. */
export function toJob(wire: WireJobStatus, requestedId?: string): Job {
  return {
    id: wire.id || requestedId || "",
    status: wire.status,
    finished: isTerminalJobStatus(wire.status),
    delayTimeMs: wire.delayTime ?? undefined,
    executionTimeMs: wire.executionTime ?? undefined,
    output: wire.output,
    error: wire.error === undefined || wire.error === null ? undefined : errorText(wire.error),
  };
}

function errorText(error: unknown): string {
  return typeof error === "string" ? error : JSON.stringify(error);
}

export function toHealth(wire: WireHealth): EndpointHealth {
  const throttled = wire.workers.throttled ?? 0;
  return {
    workers: {
      idle: wire.workers.idle,
      running: wire.workers.running,
      throttled,
      total: wire.workers.total ?? wire.workers.idle + wire.workers.running + throttled,
    },
    jobs: { ...wire.jobs },
    source: "health",
  };
}

/** The older `/stats` knows busy and total workers and the two live queues; the rest is unknown, so 0. */
export function statsToHealth(wire: WireStats): EndpointHealth {
  return {
    workers: {
      idle: Math.max(0, wire.total_workers - wire.busy_workers),
      running: wire.busy_workers,
      throttled: 0,
      total: wire.total_workers,
    },
    jobs: { completed: 0, failed: 0, inProgress: wire.in_progress, inQueue: wire.pending, retried: 0 },
    source: "stats",
  };
}

export function toLimits(wire: WireEndpointLimits): EndpointLimits {
  return {
    rootfsSizeGb: { min: wire.minRootfsSize, max: wire.maxRootfsSize, free: wire.freeRootfsSize },
    localVolumeSizeGb: { min: wire.minLocalVolumeSize, max: wire.maxLocalVolumeSize, free: wire.freeLocalVolumeSize },
    workers: { min: wire.minWorkerNum, max: wire.maxWorkerNum },
    idleTimeoutSeconds: { min: wire.minFreeTimeout, max: wire.maxFreeTimeout },
    maxConcurrent: { min: wire.minConcurrencyNum, max: wire.maxConcurrencyNum },
    queueWaitSeconds: { min: wire.minQueueWaitTime, max: wire.maxQueueWaitTime },
    queuedRequests: { min: wire.minRequestNum, max: wire.maxRequestNum },
    gpusPerWorker: { min: wire.minGPUNum, max: wire.maxGPUNum },
    requestTimeoutSeconds: { min: wire.minRequestTimeout, max: wire.maxRequestTimeout },
    cudaVersions: wire.cudaVersionList ?? [],
  };
}

/** Without `availableDeploy` a product counts as deployable: Novita listed it, and a wrong "no" would block users. */
export function toGpuProduct(wire: WireGpuProduct): GpuProduct {
  return {
    id: wire.id,
    name: wire.name,
    pricePerHourUsd: wire.price === undefined || wire.price === null ? undefined : wire.price / PRICE_UNITS_PER_USD,
    available: wire.availableDeploy ?? true,
  };
}

export function toServerlessProduct(wire: WireServerlessProduct): GpuProduct {
  const gpu = wire.resource_spec?.gpu;
  return {
    id: wire.id,
    name: wire.name || gpu?.name || gpu?.model || wire.id,
    pricePerHourUsd: serverlessPrice(wire.pricing?.postpaid?.final_price, wire.pricing?.precision),
    available: wire.available ?? wire.availableDeploy ?? true,
  };
}

/**
 * `final_price` with `precision`: an integer count of 10^-precision USD per GPU-hour ("35000" at precision 5 is
 * $0.35), or a decimal that already is USD. Anything else is unknown, never 0: a made-up $0.00 would mislead.
 */
export function serverlessPrice(
  finalPrice: string | number | null | undefined,
  precision: number | null | undefined,
): number | undefined {
  if (finalPrice === undefined || finalPrice === null || String(finalPrice).trim() === "") return undefined;
  const text = String(finalPrice).trim();
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) return undefined;
  if (text.includes(".")) return value;
  if (precision === undefined || precision === null || !Number.isInteger(precision) || precision < 0 || precision > 12)
    return undefined;
  return value / 10 ** precision;
}

/** Builds the credential field by field so a password can never ride along, whatever the input holds. */
export function toRegistryCredential(wire: WireRegistryCredential): RegistryCredential {
  return { id: wire.id, name: wire.name, username: wire.username ?? "" };
}

export function toNetworkStorage(wire: WireNetworkStorage): NetworkStorage {
  const id = wire.id || wire.storageId || "";
  return {
    id,
    name: wire.name || wire.storageName || id,
    sizeGb: wire.size ?? wire.storageSize ?? undefined,
    clusterId: presentOrUndefined(wire.clusterId ?? wire.clusterID),
  };
}
