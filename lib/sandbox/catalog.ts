/**
 * What the sandbox offers, in Novita's wire format: its endpoint limits, its two product catalogues and its
 * network storages. The numbers are the sandbox's own (Novita's real limits and prices depend on the account);
 * the console must read them from `/endpoint/limit` and the catalogues, never hard-code them.
 *
 * Two catalogues with different id families (novita-api.md §10.1): v1 `GET /products` lists GPU-*instance*
 * products (`4090.16c62g`), which serverless create refuses; the serverless ids (`SL-serverless-1`) come only
 * from v2 `GET /gpus/v2/products?type=gpu&category=serverless`.
 */
export const SANDBOX_LIMITS = {
  minRootfsSize: 10,
  maxRootfsSize: 500,
  freeRootfsSize: 100,
  minLocalVolumeSize: 10,
  maxLocalVolumeSize: 1000,
  freeLocalVolumeSize: 30,
  minWorkerNum: 0,
  maxWorkerNum: 20,
  minFreeTimeout: 1,
  maxFreeTimeout: 3600,
  minConcurrencyNum: 1,
  maxConcurrencyNum: 64,
  minQueueWaitTime: 1,
  maxQueueWaitTime: 3600,
  minRequestNum: 1,
  maxRequestNum: 1000,
  minGPUNum: 1,
  maxGPUNum: 8,
  minRequestTimeout: 1,
  maxRequestTimeout: 86_400,
  cudaVersionList: ["11.8", "12.1", "12.4", "12.8"],
};

export const SANDBOX_CLUSTER_ID = "sandbox-cluster-1";

/** v1 `/products`: GPU-instance products. `price` in 1/100000 USD per GPU-hour. */
export const SANDBOX_INSTANCE_PRODUCTS = [
  {
    id: "4090.16c62g",
    name: "RTX 4090 24GB",
    price: 69_000,
    availableDeploy: true,
    cpuPerGpu: 16,
    memoryPerGpu: 62,
    diskPerGpu: 200,
  },
  {
    id: "h100sxm.24c240g",
    name: "H100 SXM 80GB",
    price: 289_000,
    availableDeploy: true,
    cpuPerGpu: 24,
    memoryPerGpu: 240,
    diskPerGpu: 500,
  },
] as const;

export interface ServerlessProductRecord {
  id: string;
  name: string;
  gpuModel: string;
  memoryGb: number;
  /** USD per GPU-hour × 10^5 (the v2 catalogue's `precision: 5`). */
  price: number;
}

/** The serverless catalogue: the only ids `POST /endpoint/create` accepts. */
export const SANDBOX_SERVERLESS_PRODUCTS: readonly ServerlessProductRecord[] = [
  { id: "SL-serverless-1", name: "RTX 4090 24GB", gpuModel: "RTX 4090", memoryGb: 24, price: 35_000 },
  { id: "SL-serverless-3", name: "RTX 5090 32GB", gpuModel: "RTX 5090", memoryGb: 32, price: 50_000 },
  { id: "SL-serverless-7", name: "H100 SXM 80GB", gpuModel: "H100 SXM", memoryGb: 80, price: 256_000 },
];

export const SANDBOX_DEFAULT_PRODUCT_ID = SANDBOX_SERVERLESS_PRODUCTS[0]!.id;

export function isServerlessProductId(id: string): boolean {
  return SANDBOX_SERVERLESS_PRODUCTS.some((product) => product.id === id);
}

/**
 * One item of `GET /gpus/v2/products`: the price is a numeric string, `final_price / 10^precision` USD per GPU-hour.
 */
function v2Item(
  product: { id: string; name: string; price: number; gpuModel: string; memoryGb: number },
  category: "serverless" | "instance",
) {
  return {
    id: product.id,
    name: product.name,
    category,
    pricing: { precision: 5, postpaid: { final_price: String(product.price) } },
    resource_spec: { gpu: { model: product.gpuModel, memory_gb: product.memoryGb, count: 1 } },
    available: true,
  };
}

const INSTANCE_GPU = {
  "4090.16c62g": { gpuModel: "RTX 4090", memoryGb: 24 },
  "h100sxm.24c240g": { gpuModel: "H100 SXM", memoryGb: 80 },
};

/**
 * v2 catalogue: `category=serverless` gives the serverless products only; any other or no category gives the
 * instance products too (a client that forgets the filter sees ids create will refuse). A `type` other than
 * `gpu` lists nothing.
 */
export function v2Products(query: { type: string | null; category: string | null }) {
  if (query.type !== null && query.type !== "gpu") return { data: [], total: 0 };
  const serverless = SANDBOX_SERVERLESS_PRODUCTS.map((product) => v2Item(product, "serverless"));
  const instance = SANDBOX_INSTANCE_PRODUCTS.map((product) =>
    v2Item({ ...product, ...INSTANCE_GPU[product.id] }, "instance"),
  );
  const data = query.category === "serverless" ? serverless : [...serverless, ...instance];
  return { data, total: data.length };
}

/** v1 `/products` answer. */
export function v1InstanceProducts() {
  return { data: SANDBOX_INSTANCE_PRODUCTS.map((product) => ({ ...product, regions: [SANDBOX_CLUSTER_ID] })) };
}

/** `price`: the sandbox's own figure (Novita's unit for storage is unconfirmed): 1/100000 USD per GB-month. */
export const SANDBOX_NETWORK_STORAGES = [
  {
    storageId: "ns-sandbox-models",
    storageName: "comfyui-models",
    storageSize: 200,
    clusterId: SANDBOX_CLUSTER_ID,
    clusterName: "Sandbox Cluster 1",
    price: 7_000,
  },
] as const;
