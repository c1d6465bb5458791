/**
 * What the sandbox offers, in Novita's wire format: its endpoint limits, GPU products and network storages.
 * The numbers are the sandbox's own (Novita's real limits depend on the account); the console must read them
 * from `/endpoint/limit` and `/products`, never hard-code them.
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

/** Prices in Novita's unit: 1/100000 USD per GPU-hour. */
export const SANDBOX_PRODUCTS = [
  { id: "sandbox-rtx-4090-24gb", name: "RTX 4090 24GB", price: 69_000, availableDeploy: true, cpuPerGpu: 16, memoryPerGpu: 62, diskPerGpu: 200 },
  { id: "sandbox-h100-sxm-80gb", name: "H100 SXM 80GB", price: 289_000, availableDeploy: true, cpuPerGpu: 24, memoryPerGpu: 240, diskPerGpu: 500 },
];

export const SANDBOX_NETWORK_STORAGES = [
  { id: "ns-sandbox-models", name: "comfyui-models", size: 200, clusterId: "sandbox-cluster-1" },
];

export const SANDBOX_CLUSTER_ID = "sandbox-cluster-1";
