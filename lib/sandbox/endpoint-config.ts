/**
 * The sandbox's reading of Novita's create/update endpoint bodies (v1), validated the way Novita documents:
 * every bound comes from the sandbox's own `/endpoint/limit`, one HTTP port in 1–65535 but not 2222–2224, a
 * product from the serverless catalogue. Integers may come as numeric strings (Novita's CLI echoes GET's
 * `"300"`), and update is partial: what it leaves out keeps its stored value (novita-api.md §10.6).
 * Deliberately independent of lib/novita (two readings of one contract catch each other's mistakes).
 */
import { z } from "zod";
import { isServerlessProductId, SANDBOX_LIMITS, SANDBOX_NETWORK_STORAGES } from "./catalog";

/** A whole number, or a string of one ("300"); "abc" stays a string and is refused. */
const int = z.preprocess(
  (value) => (typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
  z.number().int(),
);

export const ENDPOINT_TYPES = ["async", "sync"] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

const volumeMountSchema = z.object({
  type: z.enum(["local", "network"]),
  id: z.string().optional(),
  size: int.optional(),
  mountPath: z.string().min(1).max(255),
});

const optionalFields = {
  name: z.string().max(220).optional(),
  volumeMounts: z.array(volumeMountSchema).optional(),
  clusterID: z.string().max(255).optional(),
  envs: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  healthy: z.object({ path: z.string().optional() }).optional(),
};

const imageFields = {
  image: z.string().min(1).max(511),
  authId: z.string().max(255).optional(),
  command: z.string().max(2047).optional(),
};

export const createEndpointBodySchema = z.object({
  endpoint: z.object({
    ...optionalFields,
    appName: z.string().max(63).optional(),
    type: z.enum(ENDPOINT_TYPES).optional(),
    workerConfig: z.object({
      minNum: int,
      maxNum: int,
      freeTimeout: int,
      maxConcurrent: int,
      gpuNum: int,
      requestTimeout: int.optional(),
      cudaVersion: z.string().optional(),
    }),
    ports: z.array(z.object({ port: int })),
    policy: z.object({ type: z.enum(["queue", "concurrency"]), value: int }),
    image: z.object(imageFields),
    products: z.array(z.object({ id: z.string() })).min(1),
    rootfsSize: int.optional(),
  }),
});

/**
 * Everything but `id` optional, inside `workerConfig`/`policy`/`image` too;
 * `products`, `rootfsSize`, `type`, `appName` are not updatable and ignored.
 */
export const updateEndpointBodySchema = z.object({
  id: z.string().min(1),
  ...optionalFields,
  workerConfig: z
    .object({
      minNum: int.optional(),
      maxNum: int.optional(),
      freeTimeout: int.optional(),
      maxConcurrent: int.optional(),
      gpuNum: int.optional(),
      requestTimeout: int.optional(),
      cudaVersion: z.string().optional(),
    })
    .optional(),
  ports: z.array(z.object({ port: int })).optional(),
  policy: z.object({ type: z.enum(["queue", "concurrency"]).optional(), value: int.optional() }).optional(),
  image: z
    .object({ image: imageFields.image.optional(), authId: imageFields.authId, command: imageFields.command })
    .optional(),
});

export type CreateEndpointInput = z.output<typeof createEndpointBodySchema>["endpoint"];
export type UpdateEndpointInput = z.output<typeof updateEndpointBodySchema>;

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

/** A config Novita would refuse: `reason` as in the GPU error table, `field` for `metadata.field`. */
export class InvalidEndpointConfig extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly reason: string = "VALIDATOR_PARAM",
  ) {
    super(message);
  }
}

function within(field: string, value: number, min: number, max: number, label: string) {
  if (value < min || value > max)
    throw new InvalidEndpointConfig(field, `${label} must be between ${min} and ${max}, got ${value}`);
}

const RESERVED_PORTS = new Set([2222, 2223, 2224]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks a config against the sandbox's limits and catalogues; throws `InvalidEndpointConfig` naming the field. */
export function checkEndpointConfig(config: EndpointConfig, registryAuthIds: Set<string>): void {
  const product = config.products[0];
  if (!product || !isServerlessProductId(product.id)) {
    throw new InvalidEndpointConfig(
      "products",
      `serverless product ${product?.id ?? "(none)"} not found`,
      "SERVERLESS_PRODUCT_NOT_FOUND",
    );
  }
  const limits = SANDBOX_LIMITS;
  const workers = config.workerConfig;
  within("workerConfig.minNum", workers.minNum, limits.minWorkerNum, limits.maxWorkerNum, "minimum workers");
  within(
    "workerConfig.maxNum",
    workers.maxNum,
    Math.max(1, limits.minWorkerNum),
    limits.maxWorkerNum,
    "maximum workers",
  );
  if (workers.minNum > workers.maxNum) {
    throw new InvalidEndpointConfig(
      "workerConfig.minNum",
      `minimum workers (${workers.minNum}) must not exceed maximum workers (${workers.maxNum})`,
    );
  }
  within(
    "workerConfig.freeTimeout",
    workers.freeTimeout,
    limits.minFreeTimeout,
    limits.maxFreeTimeout,
    "idle timeout (seconds)",
  );
  within(
    "workerConfig.maxConcurrent",
    workers.maxConcurrent,
    limits.minConcurrencyNum,
    limits.maxConcurrencyNum,
    "max concurrent requests per worker",
  );
  within("workerConfig.gpuNum", workers.gpuNum, limits.minGPUNum, limits.maxGPUNum, "GPUs per worker");
  within(
    "workerConfig.requestTimeout",
    workers.requestTimeout,
    limits.minRequestTimeout,
    limits.maxRequestTimeout,
    "request timeout (seconds)",
  );
  if (workers.cudaVersion && !limits.cudaVersionList.includes(workers.cudaVersion)) {
    throw new InvalidEndpointConfig(
      "workerConfig.cudaVersion",
      `CUDA version ${workers.cudaVersion} is not offered; choose one of ${limits.cudaVersionList.join(", ")}`,
    );
  }

  if (config.ports.length !== 1)
    throw new InvalidEndpointConfig("ports", `exactly one HTTP port is supported, got ${config.ports.length}`);
  const port = config.ports[0]!.port;
  if (port < 1 || port > 65535 || RESERVED_PORTS.has(port)) {
    const message = `port must be 1–65535 and not 2222, 2223 or 2224 (reserved), got ${port}`;
    throw new InvalidEndpointConfig("ports", message);
  }

  if (config.policy.type === "queue") {
    within(
      "policy.value",
      config.policy.value,
      limits.minQueueWaitTime,
      limits.maxQueueWaitTime,
      "queue wait time (seconds)",
    );
  } else {
    within("policy.value", config.policy.value, limits.minRequestNum, limits.maxRequestNum, "queued request count");
  }

  if (config.image.authId && !registryAuthIds.has(config.image.authId)) {
    throw new InvalidEndpointConfig("image.authId", `registry credential ${config.image.authId} does not exist`);
  }
  within("rootfsSize", config.rootfsSize, limits.minRootfsSize, limits.maxRootfsSize, "system disk (GB)");

  for (const [index, mount] of config.volumeMounts.entries()) {
    if (mount.type === "network") {
      const storage = SANDBOX_NETWORK_STORAGES.find((candidate) => candidate.storageId === mount.id);
      if (!storage)
        throw new InvalidEndpointConfig(
          `volumeMounts.${index}.id`,
          `network storage ${mount.id || "(none)"} not found`,
          "NETWORK_STORAGE_NOT_FOUND",
        );
      if (config.clusterID !== storage.clusterId) {
        throw new InvalidEndpointConfig(
          "clusterID",
          `clusterID must be ${storage.clusterId}, the cluster of network storage ${storage.storageId}`,
        );
      }
    } else {
      within(
        `volumeMounts.${index}.size`,
        mount.size,
        limits.minLocalVolumeSize,
        limits.maxLocalVolumeSize,
        "local volume size (GB)",
      );
    }
  }

  const seen = new Set<string>();
  for (const [index, env] of config.envs.entries()) {
    if (!ENV_NAME.test(env.key))
      throw new InvalidEndpointConfig(`envs.${index}.key`, `environment variable name "${env.key}" is invalid`);
    if (seen.has(env.key))
      throw new InvalidEndpointConfig(`envs.${index}.key`, `environment variable ${env.key} is set twice`);
    seen.add(env.key);
  }
}

function volumeMountsOf(mounts: z.output<typeof volumeMountSchema>[]): EndpointConfig["volumeMounts"] {
  return mounts.map((mount) => ({
    type: mount.type,
    id: mount.id ?? "",
    size: mount.size ?? 0,
    mountPath: mount.mountPath,
  }));
}

/** A create body as a stored config, the optional parts filled the way Novita's answers show them. */
export function configFromCreate(input: CreateEndpointInput, appName: string): EndpointConfig {
  const workers = input.workerConfig;
  return {
    name: input.name ?? "",
    appName,
    workerConfig: {
      minNum: workers.minNum,
      maxNum: workers.maxNum,
      freeTimeout: workers.freeTimeout,
      maxConcurrent: workers.maxConcurrent,
      gpuNum: workers.gpuNum,
      requestTimeout: workers.requestTimeout ?? 3600,
      cudaVersion: workers.cudaVersion ?? SANDBOX_LIMITS.cudaVersionList.at(-1)!,
    },
    ports: input.ports.map((entry) => ({ port: entry.port })),
    policy: input.policy,
    image: { image: input.image.image, authId: input.image.authId ?? "", command: input.image.command ?? "" },
    products: input.products.map((product) => ({ id: product.id })),
    rootfsSize: input.rootfsSize ?? SANDBOX_LIMITS.freeRootfsSize,
    volumeMounts: volumeMountsOf(input.volumeMounts ?? []),
    clusterID: input.clusterID ?? "",
    envs: input.envs ?? [],
    healthy: { path: input.healthy?.path ?? "" },
  };
}

/** The stored config with what the update body sent laid over it; keys it left out keep their values. */
export function mergeUpdate(stored: EndpointConfig, input: UpdateEndpointInput): EndpointConfig {
  const pick = <T extends object>(sent: Partial<T> | undefined, kept: T): T => {
    const defined = Object.entries(sent ?? {}).filter(([, value]) => value !== undefined);
    return { ...kept, ...Object.fromEntries(defined) };
  };
  return {
    ...stored,
    name: input.name ?? stored.name,
    workerConfig: pick(input.workerConfig, stored.workerConfig),
    ports: input.ports ? input.ports.map((entry) => ({ port: entry.port })) : stored.ports,
    policy: pick(input.policy, stored.policy),
    image: pick(input.image, stored.image),
    volumeMounts: input.volumeMounts ? volumeMountsOf(input.volumeMounts) : stored.volumeMounts,
    clusterID: input.clusterID ?? stored.clusterID,
    envs: input.envs ?? stored.envs,
    healthy: pick(input.healthy, stored.healthy),
  };
}
