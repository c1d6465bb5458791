/**
 * Novita's wire format, read leniently: the docs' own examples send some integers as strings, Go servers send
 * `null` for empty lists, and fields come and go between doc revisions. Unknown fields are dropped (zod's default).
 * Only `mapping.ts` turns these into domain types.
 */
import { z } from "zod";

/** An integer that may arrive as a string (`"60"`); `"abc"` still fails, as NaN. */
const wireNumber = z.preprocess(
  (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value),
  z.number(),
);
const optionalNumber = wireNumber.nullish();
const optionalString = z.string().nullish();
const optionalList = <Item extends z.ZodType>(item: Item) => z.array(item).nullish();

const wireState = z.object({ state: optionalString, error: optionalString, message: optionalString });
export type WireState = z.infer<typeof wireState>;

export const wireEndpointDetail = z.object({
  id: z.string(),
  /** `async` or `sync` (v2 requires it; v1 shows it when it was sent). */
  type: optionalString.catch(undefined),
  name: optionalString,
  appName: optionalString,
  state: wireState.nullish(),
  url: optionalString,
  workerConfig: z
    .object({
      minNum: optionalNumber,
      maxNum: optionalNumber,
      freeTimeout: optionalNumber,
      maxConcurrent: optionalNumber,
      gpuNum: optionalNumber,
      requestTimeout: optionalNumber,
      cudaVersion: optionalString,
    })
    .nullish(),
  policy: z.object({ type: optionalString, value: optionalNumber }).nullish(),
  image: z.object({ image: optionalString, authId: optionalString, command: optionalString }).nullish(),
  rootfsSize: optionalNumber,
  volumeMounts: optionalList(
    z.object({ type: optionalString, id: optionalString, size: optionalNumber, mountPath: optionalString }),
  ),
  envs: optionalList(z.object({ key: z.string(), value: z.string().nullish() })),
  /** `"8080"` in the List example, `123` in the Get example. */
  ports: optionalList(z.object({ port: optionalNumber })),
  workers: optionalList(
    z.object({
      id: z.string(),
      state: wireState.nullish(),
      log: optionalString,
      metrics: optionalString,
      healthy: z.boolean().nullish(),
    }),
  ),
  products: optionalList(z.object({ id: z.string() })),
  healthy: z.object({ path: optionalString }).nullish(),
  clusterID: optionalString,
});
export type WireEndpointDetail = z.infer<typeof wireEndpointDetail>;

export const wireEndpointList = z.object({
  endpoints: optionalList(wireEndpointDetail).transform((endpoints) => endpoints ?? []),
  total: optionalNumber,
});

/** The docs wrap Get in `{endpoint}`; one community spec reads it bare, which costs nothing to accept too. */
export const wireEndpointGet = z.preprocess(
  (body) => (isObject(body) && !("endpoint" in body) && "id" in body ? { endpoint: body } : body),
  z.object({ endpoint: wireEndpointDetail }),
);

export const wireCreateEndpointResponse = z.object({ id: z.string() });

export const wireEndpointLimits = z.object({
  minRootfsSize: wireNumber,
  maxRootfsSize: wireNumber,
  freeRootfsSize: wireNumber,
  minLocalVolumeSize: wireNumber,
  maxLocalVolumeSize: wireNumber,
  freeLocalVolumeSize: wireNumber,
  minWorkerNum: wireNumber,
  maxWorkerNum: wireNumber,
  minFreeTimeout: wireNumber,
  maxFreeTimeout: wireNumber,
  minConcurrencyNum: wireNumber,
  maxConcurrencyNum: wireNumber,
  minQueueWaitTime: wireNumber,
  maxQueueWaitTime: wireNumber,
  minRequestNum: wireNumber,
  maxRequestNum: wireNumber,
  minGPUNum: wireNumber,
  maxGPUNum: wireNumber,
  minRequestTimeout: wireNumber,
  maxRequestTimeout: wireNumber,
  cudaVersionList: optionalList(z.string()),
});
export type WireEndpointLimits = z.infer<typeof wireEndpointLimits>;

/** v1 `/products`: GPU-*instance* products (§10.1), the fallback catalogue. */
export const wireGpuProduct = z.object({
  id: z.string(),
  name: z.string(),
  /** 1/100000 USD per hour. */
  price: optionalNumber.catch(undefined),
  availableDeploy: z.boolean().nullish(),
});
export type WireGpuProduct = z.infer<typeof wireGpuProduct>;

export const wireGpuProductList = z.object({ data: optionalList(wireGpuProduct) });

const idText = z.union([z.string(), z.number()]).transform(String);
const loose = <Shape extends z.ZodRawShape>(shape: Shape) => z.object(shape).nullish().catch(undefined);

/**
 * v2 `/products?type=gpu&category=serverless` (§10.1), read leniently: only `id` is required; the reply's shape is
 * known from one public CLI's notes (`data[].{id, name, pricing{precision, postpaid.final_price}, resource_spec.gpu}`).
 */
export const wireServerlessProduct = z.object({
  id: idText,
  name: optionalString.catch(undefined),
  pricing: loose({
    precision: optionalNumber.catch(undefined),
    postpaid: loose({ final_price: z.union([z.string(), z.number()]).nullish().catch(undefined) }),
  }),
  resource_spec: loose({
    gpu: loose({
      model: optionalString.catch(undefined),
      name: optionalString.catch(undefined),
      memory_gb: optionalNumber.catch(undefined),
    }),
  }),
  available: z.boolean().nullish().catch(undefined),
  availableDeploy: z.boolean().nullish().catch(undefined),
});
export type WireServerlessProduct = z.infer<typeof wireServerlessProduct>;

/** The envelope key is unconfirmed: `data` per the notes, `products`/`items` accepted too. */
export const wireServerlessProductList = z
  .object({
    data: optionalList(wireServerlessProduct),
    products: optionalList(wireServerlessProduct),
    items: optionalList(wireServerlessProduct),
  })
  .refine((list) => Boolean(list.data ?? list.products ?? list.items), {
    message: "has no data, products or items list",
  })
  .transform((list) => list.data ?? list.products ?? list.items ?? []);

/**
 * Novita echoes the password back in plain text. It is deliberately not declared here, so zod strips it at the
 * first parse and it never reaches any object the console holds.
 */
export const wireRegistryCredential = z.object({ id: z.string(), name: z.string(), username: optionalString });
export type WireRegistryCredential = z.infer<typeof wireRegistryCredential>;

export const wireRegistryCredentialList = z.object({ data: optionalList(wireRegistryCredential) });

/** The list's field names are unconfirmed: accept both the create call's names and the plain ones. */
export const wireNetworkStorage = z
  .object({
    id: optionalString,
    storageId: optionalString,
    name: optionalString,
    storageName: optionalString,
    size: optionalNumber,
    storageSize: optionalNumber,
    clusterId: optionalString,
    clusterID: optionalString,
  })
  .refine((storage) => Boolean(storage.id || storage.storageId), { message: "has neither id nor storageId" });
export type WireNetworkStorage = z.infer<typeof wireNetworkStorage>;

/** The envelope key is unconfirmed too; an answer with none of them is an account without storages. */
export const wireNetworkStorageList = z
  .object({
    data: optionalList(wireNetworkStorage),
    networkStorages: optionalList(wireNetworkStorage),
    storages: optionalList(wireNetworkStorage),
  })
  .transform((list) => list.data ?? list.networkStorages ?? list.storages ?? []);

/** The status reply's body is unpublished (§10.11): `id` may be missing (the caller knows it), `status` may be new. */
export const wireJobStatus = z.object({
  id: z.string().nullish(),
  status: z.string(),
  delayTime: optionalNumber,
  executionTime: optionalNumber,
  output: z.unknown().optional(),
  /** RunPod sends text (often JSON text); anything else is kept as JSON text too. */
  error: z.unknown().optional(),
});
export type WireJobStatus = z.infer<typeof wireJobStatus>;

/** A job exists once its id comes back; the guide's first status is PENDING, so that stands in when none is sent. */
export const wireRunResponse = z.object({ id: z.string(), status: z.string().default("PENDING") });

export const wireHealth = z.object({
  workers: z.object({
    idle: wireNumber,
    running: wireNumber,
    throttled: optionalNumber,
    total: optionalNumber,
  }),
  jobs: z.object({
    completed: wireNumber,
    failed: wireNumber,
    inProgress: wireNumber,
    inQueue: wireNumber,
    retried: wireNumber,
  }),
});
export type WireHealth = z.infer<typeof wireHealth>;

/** The older gateway's `/stats`. */
export const wireStats = z.object({
  busy_workers: wireNumber,
  endpoint: optionalString,
  in_progress: wireNumber,
  pending: wireNumber,
  total_workers: wireNumber,
});
export type WireStats = z.infer<typeof wireStats>;

/**
 * Novita's `{code, reason, message, metadata}` (from metadata only `field`, when it names the offending field); `error`
 * is what a RunPod-style gateway sends instead. An odd error body must never hide the HTTP status behind a parse
 * failure, so each field falls back to undefined.
 */
export const wireErrorBody = z.object({
  code: optionalNumber.catch(undefined),
  reason: optionalString.catch(undefined),
  message: optionalString.catch(undefined),
  error: optionalString.catch(undefined),
  metadata: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
export type WireErrorBody = z.infer<typeof wireErrorBody>;

/** Calls whose answer carries nothing we use (update, delete, save): any body, or none, is success. */
export const wireIgnoredBody = z.unknown();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
