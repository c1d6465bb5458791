/**
 * The sandbox's reading of Novita's create/update endpoint bodies (v1), validated the way Novita documents:
 * every bound comes from the sandbox's own `/endpoint/limit`, one HTTP port in 1–65535 but not 2222–2224.
 * Deliberately independent of lib/novita (two readings of one contract catch each other's mistakes).
 */
import { z } from "zod";
import { SANDBOX_LIMITS, SANDBOX_NETWORK_STORAGES, SANDBOX_PRODUCTS } from "./catalog";

const int = z.number().int();
const portValue = z.union([z.string().regex(/^\d+$/).transform(Number), int]);

const workerConfigSchema = z.object({
  minNum: int,
  maxNum: int,
  freeTimeout: int,
  maxConcurrent: int,
  gpuNum: int,
  requestTimeout: int.optional(),
  cudaVersion: z.string().optional(),
});

const sharedFields = {
  name: z.string().max(220).optional(),
  workerConfig: workerConfigSchema,
  ports: z.array(z.object({ port: portValue })),
  policy: z.object({ type: z.enum(["queue", "concurrency"]), value: int }),
  image: z.object({ image: z.string().min(1).max(511), authId: z.string().max(255).optional(), command: z.string().max(2047).optional() }),
  volumeMounts: z
    .array(
      z.object({
        type: z.enum(["local", "network"]),
        id: z.string().optional(),
        size: int.optional(),
        mountPath: z.string().min(1).max(255),
      }),
    )
    .optional(),
  clusterID: z.string().max(255).optional(),
  envs: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  healthy: z.object({ path: z.string().optional() }).optional(),
};

export const createEndpointBodySchema = z.object({
  endpoint: z.object({
    ...sharedFields,
    appName: z.string().max(63).optional(),
    products: z.array(z.object({ id: z.string() })).min(1),
    rootfsSize: int.optional(),
  }),
});

export const updateEndpointBodySchema = z.object({ id: z.string().min(1), ...sharedFields });

export interface EndpointConfig {
  name: string;
  appName: string;
  workerConfig: {
    minNum: number;
    maxNum: number;
    freeTimeout: number;
    maxConcurrent: number;
    gpuNum: number;
    requestTimeout: number;
    cudaVersion: string;
  };
  ports: { port: number }[];
  policy: { type: "queue" | "concurrency"; value: number };
  image: { image: string; authId: string; command: string };
  products: { id: string }[];
  rootfsSize: number;
  volumeMounts: { type: "local" | "network"; id: string; size: number; mountPath: string }[];
  clusterID: string;
  envs: { key: string; value: string }[];
  healthy: { path: string };
}

export class InvalidEndpointConfig extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function within(field: string, value: number, min: number, max: number, label: string) {
  if (value < min || value > max) throw new InvalidEndpointConfig(field, `${label} must be between ${min} and ${max}, got ${value}`);
}

const RESERVED_PORTS = new Set([2222, 2223, 2224]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a parsed config against the sandbox's limits; throws `InvalidEndpointConfig` naming the field. */
export function checkEndpointConfig(config: EndpointConfig, registryAuthIds: Set<string>): void {
  const limits = SANDBOX_LIMITS;
  const workers = config.workerConfig;
  within("workerConfig.minNum", workers.minNum, limits.minWorkerNum, limits.maxWorkerNum, "minimum workers");
  within("workerConfig.maxNum", workers.maxNum, Math.max(1, limits.minWorkerNum), limits.maxWorkerNum, "maximum workers");
  if (workers.minNum > workers.maxNum) {
    throw new InvalidEndpointConfig("workerConfig.minNum", `minimum workers (${workers.minNum}) must not exceed maximum workers (${workers.maxNum})`);
  }
  within("workerConfig.freeTimeout", workers.freeTimeout, limits.minFreeTimeout, limits.maxFreeTimeout, "idle timeout (seconds)");
  within("workerConfig.maxConcurrent", workers.maxConcurrent, limits.minConcurrencyNum, limits.maxConcurrencyNum, "max concurrent requests per worker");
  within("workerConfig.gpuNum", workers.gpuNum, limits.minGPUNum, limits.maxGPUNum, "GPUs per worker");
  within("workerConfig.requestTimeout", workers.requestTimeout, limits.minRequestTimeout, limits.maxRequestTimeout, "request timeout (seconds)");
  if (workers.cudaVersion && !limits.cudaVersionList.includes(workers.cudaVersion)) {
    throw new InvalidEndpointConfig("workerConfig.cudaVersion", `CUDA version ${workers.cudaVersion} is not offered; choose one of ${limits.cudaVersionList.join(", ")}`);
  }

  if (config.ports.length !== 1) throw new InvalidEndpointConfig("ports", `exactly one HTTP port is supported, got ${config.ports.length}`);
  const port = config.ports[0]!.port;
  if (port < 1 || port > 65535 || RESERVED_PORTS.has(port)) {
    throw new InvalidEndpointConfig("ports", `port must be 1–65535 and not 2222, 2223 or 2224 (reserved), got ${port}`);
  }

  if (config.policy.type === "queue") {
    within("policy.value", config.policy.value, limits.minQueueWaitTime, limits.maxQueueWaitTime, "queue wait time (seconds)");
  } else {
    within("policy.value", config.policy.value, limits.minRequestNum, limits.maxRequestNum, "queued request count");
  }

  if (config.image.authId && !registryAuthIds.has(config.image.authId)) {
    throw new InvalidEndpointConfig("image.authId", `registry credential ${config.image.authId} does not exist`);
  }
  const product = config.products[0];
  if (!product || !SANDBOX_PRODUCTS.some((candidate) => candidate.id === product.id)) {
    throw new InvalidEndpointConfig("products", `unknown GPU product ${product?.id ?? "(none)"}; list them with GET /products`);
  }
  within("rootfsSize", config.rootfsSize, limits.minRootfsSize, limits.maxRootfsSize, "system disk (GB)");

  for (const [index, mount] of config.volumeMounts.entries()) {
    if (mount.type === "network") {
      const storage = SANDBOX_NETWORK_STORAGES.find((candidate) => candidate.id === mount.id);
      if (!storage) throw new InvalidEndpointConfig(`volumeMounts.${index}.id`, `network storage ${mount.id || "(none)"} does not exist`);
      if (config.clusterID !== storage.clusterId) {
        throw new InvalidEndpointConfig("clusterID", `clusterID must be ${storage.clusterId}, the cluster of network storage ${storage.id}`);
      }
    } else {
      within(`volumeMounts.${index}.size`, mount.size, limits.minLocalVolumeSize, limits.maxLocalVolumeSize, "local volume size (GB)");
    }
  }

  const seen = new Set<string>();
  for (const [index, env] of config.envs.entries()) {
    if (!ENV_NAME.test(env.key)) throw new InvalidEndpointConfig(`envs.${index}.key`, `environment variable name "${env.key}" is invalid`);
    if (seen.has(env.key)) throw new InvalidEndpointConfig(`envs.${index}.key`, `environment variable ${env.key} is set twice`);
    seen.add(env.key);
  }
}

type SharedInput = z.infer<z.ZodObject<typeof sharedFields>>;

/** Fills the optional parts of a request the way Novita's responses show them (empty strings, defaults). */
export function normaliseConfig(
  input: SharedInput,
  fixed: { appName: string; products: { id: string }[]; rootfsSize: number; cudaVersion: string | undefined },
): EndpointConfig {
  return {
    name: input.name ?? "",
    appName: fixed.appName,
    workerConfig: {
      minNum: input.workerConfig.minNum,
      maxNum: input.workerConfig.maxNum,
      freeTimeout: input.workerConfig.freeTimeout,
      maxConcurrent: input.workerConfig.maxConcurrent,
      gpuNum: input.workerConfig.gpuNum,
      requestTimeout: input.workerConfig.requestTimeout ?? 3600,
      cudaVersion: input.workerConfig.cudaVersion ?? fixed.cudaVersion ?? SANDBOX_LIMITS.cudaVersionList.at(-1)!,
    },
    ports: input.ports.map((entry) => ({ port: entry.port })),
    policy: input.policy,
    image: { image: input.image.image, authId: input.image.authId ?? "", command: input.image.command ?? "" },
    products: fixed.products,
    rootfsSize: fixed.rootfsSize,
    volumeMounts: (input.volumeMounts ?? []).map((mount) => ({
      type: mount.type,
      id: mount.id ?? "",
      size: mount.size ?? 0,
      mountPath: mount.mountPath,
    })),
    clusterID: input.clusterID ?? "",
    envs: input.envs ?? [],
    healthy: { path: input.healthy?.path ?? "" },
  };
}
