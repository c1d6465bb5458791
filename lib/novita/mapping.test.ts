import { describe, expect, it } from "vitest";

import {
  statsToHealth,
  toCreateRequest,
  toEndpoint,
  toGpuProduct,
  toHealth,
  toJob,
  toLimits,
  toNetworkStorage,
  serverlessPrice,
  toRegistryCredential,
  toServerlessProduct,
  toUpdateRequest,
} from "./mapping";
import { deriveJobRouteName, jobRouteCandidates } from "./route-name";
import type { EndpointSpec } from "./types";
import {
  wireEndpointDetail,
  wireEndpointGet,
  wireEndpointLimits,
  wireGpuProductList,
  wireHealth,
  wireJobStatus,
  wireNetworkStorageList,
  wireRegistryCredentialList,
  wireServerlessProductList,
  wireStats,
} from "./wire";

/** The List example's shape: integers the docs print as strings, the port as a string. */
const listExample = {
  id: "o8UJWkag5WTn",
  name: "comfy",
  appName: "async",
  state: { state: "serving", error: "", message: "" },
  url: "https://o8UJWkag5WTn.example.novita.ai",
  workerConfig: {
    minNum: 0,
    maxNum: 2,
    freeTimeout: "60",
    maxConcurrent: "1",
    gpuNum: 1,
    requestTimeout: 3600,
    cudaVersion: "12.4",
  },
  policy: { type: "queue", value: "1" },
  image: { image: "novitalabs/comfyui-worker:v0.0.1", authId: "", command: "" },
  rootfsSize: 100,
  volumeMounts: [
    { type: "local", id: "", size: 30, mountPath: "/workspace" },
    { type: "network", id: "ns-1", size: 0, mountPath: "/data" },
  ],
  envs: [{ key: "BUCKET_NAME", value: "outputs" }],
  ports: [{ port: "8080" }],
  workers: [{ id: "w-1", state: { state: "running", error: "", message: "" }, log: "l", metrics: "m", healthy: true }],
  products: [{ id: "4090.24g" }],
  healthy: { path: "/health", initialDelay: 10, period: 5, timeout: 3, successThreshold: 1, failureThreshold: 3 },
  clusterID: "cluster-1",
  log: "https://logs.example",
  somethingNew: { ignored: true },
};

const spec: EndpointSpec = {
  name: "comfy",
  appName: "async",
  workers: { min: 0, max: 2, idleTimeoutSeconds: 60, maxConcurrent: 1, gpusPerWorker: 1, requestTimeoutSeconds: 3600 },
  port: 8080,
  policy: { type: "queue", value: 1 },
  image: { image: "novitalabs/comfyui-worker:v0.0.1", registryAuthId: "auth-1", command: undefined },
  cudaVersion: undefined,
  productId: "4090.24g",
  rootfsSizeGb: 100,
  volumeMounts: [
    { type: "local", id: undefined, sizeGb: 30, mountPath: "/workspace" },
    { type: "network", id: "ns-1", sizeGb: undefined, mountPath: "/data" },
  ],
  clusterId: "cluster-1",
  env: [{ key: "BUCKET_NAME", value: "outputs" }],
  healthCheckPath: undefined,
};

describe("toEndpoint", () => {
  it("reads the List example, coercing string integers and the string port", () => {
    const endpoint = toEndpoint(wireEndpointDetail.parse(listExample));
    expect(endpoint).toEqual({
      id: "o8UJWkag5WTn",
      status: { state: "serving", error: "", message: "" },
      url: "https://o8UJWkag5WTn.example.novita.ai",
      workers: [
        { id: "w-1", status: { state: "running", error: "", message: "" }, healthy: true, log: "l", metrics: "m" },
      ],
      type: "",
      jobRouteName: "o8UJWkag5WTn-async",
      jobRouteCandidates: ["o8UJWkag5WTn-async"],
      spec: {
        ...spec,
        cudaVersion: "12.4",
        image: { image: "novitalabs/comfyui-worker:v0.0.1", registryAuthId: undefined, command: undefined },
        volumeMounts: [
          { type: "local", id: undefined, sizeGb: 30, mountPath: "/workspace" },
          { type: "network", id: "ns-1", sizeGb: 0, mountPath: "/data" },
        ],
        healthCheckPath: "/health",
      },
    });
  });

  it("reads the Get example's integer port and its `{endpoint}` wrapper", () => {
    const answer = wireEndpointGet.parse({ endpoint: { ...listExample, ports: [{ port: 123 }] } });
    expect(toEndpoint(answer.endpoint).spec.port).toBe(123);
  });

  it("accepts a bare detail from Get as well", () => {
    expect(wireEndpointGet.parse(listExample).endpoint.id).toBe("o8UJWkag5WTn");
  });

  it("tolerates an endpoint with nothing but its id, and nulls for lists", () => {
    const endpoint = toEndpoint(wireEndpointDetail.parse({ id: "abc", workers: null, envs: null }));
    expect(endpoint.jobRouteName).toBe("abc-abc");
    expect(endpoint.workers).toEqual([]);
    expect(endpoint.spec).toMatchObject({
      name: "",
      port: 0,
      policy: { type: "queue", value: 0 },
      env: [],
      volumeMounts: [],
    });
  });

  it("reads the concurrency policy", () => {
    const detail = wireEndpointDetail.parse({ id: "a", policy: { type: "concurrency", value: "4" } });
    expect(toEndpoint(detail).spec.policy).toEqual({ type: "concurrency", value: 4 });
  });

  it("rejects a number field that is not a number", () => {
    const result = wireEndpointDetail.safeParse({ id: "a", workerConfig: { freeTimeout: "soon" } });
    expect(result.success).toBe(false);
  });

  it("uses a route-name override instead of the derived name", () => {
    const detail = wireEndpointDetail.parse(listExample);
    expect(toEndpoint(detail, "0f43a6867e05fddd").jobRouteName).toBe("0f43a6867e05fddd");
    expect(toEndpoint(detail, "  ").jobRouteName).toBe("o8UJWkag5WTn-async");
  });
});

describe("job route names", () => {
  it("composes <id>-<appName> as the SDK guide does; a default app name leaves <id>-<id> and the bare id open", () => {
    expect(jobRouteCandidates("o8UJWkag5WTn", "async")).toEqual(["o8UJWkag5WTn-async"]);
    expect(jobRouteCandidates("o8UJWkag5WTn", "")).toEqual(["o8UJWkag5WTn-o8UJWkag5WTn", "o8UJWkag5WTn"]);
    expect(jobRouteCandidates("o8UJWkag5WTn", undefined)).toEqual(["o8UJWkag5WTn-o8UJWkag5WTn", "o8UJWkag5WTn"]);
    expect(jobRouteCandidates("o8UJWkag5WTn", " o8UJWkag5WTn ")).toEqual(["o8UJWkag5WTn-o8UJWkag5WTn", "o8UJWkag5WTn"]);
    expect(deriveJobRouteName("o8UJWkag5WTn", "async")).toBe("o8UJWkag5WTn-async");
    expect(deriveJobRouteName("o8UJWkag5WTn", "")).toBe("o8UJWkag5WTn-o8UJWkag5WTn");
  });

  it("reads the endpoint's type, lower-cased, and '' when the answer has none", () => {
    expect(toEndpoint(wireEndpointDetail.parse({ id: "a", type: "ASYNC" })).type).toBe("async");
    expect(toEndpoint(wireEndpointDetail.parse({ id: "a" })).type).toBe("");
    expect(toEndpoint(wireEndpointDetail.parse({ id: "a", type: 3 })).type).toBe("");
  });
});

describe("request bodies", () => {
  it("wraps create in `endpoint`, with integers, a string port, products and rootfsSize", () => {
    expect(toCreateRequest({ ...spec, workers: { ...spec.workers, idleTimeoutSeconds: 59.6 } })).toEqual({
      endpoint: {
        name: "comfy",
        type: "async",
        appName: "async",
        workerConfig: { minNum: 0, maxNum: 2, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1, requestTimeout: 3600 },
        ports: [{ port: "8080" }],
        policy: { type: "queue", value: 1 },
        image: { image: "novitalabs/comfyui-worker:v0.0.1", authId: "auth-1", command: "" },
        products: [{ id: "4090.24g" }],
        rootfsSize: 100,
        volumeMounts: [
          { type: "local", size: 30, mountPath: "/workspace" },
          { type: "network", id: "ns-1", mountPath: "/data" },
        ],
        clusterID: "cluster-1",
        envs: [{ key: "BUCKET_NAME", value: "outputs" }],
      },
    });
  });

  it("sends the health-check path only when one is set", () => {
    expect(toCreateRequest({ ...spec, healthCheckPath: "/ping" }).endpoint.healthy).toEqual({ path: "/ping" });
    expect("healthy" in toCreateRequest(spec).endpoint).toBe(false);
  });

  it("sends update unwrapped, with the id and without products, rootfsSize or appName", () => {
    const body = toUpdateRequest("o8UJWkag5WTn", spec);
    expect(body).not.toHaveProperty("endpoint");
    expect(body).not.toHaveProperty("products");
    expect(body).not.toHaveProperty("rootfsSize");
    expect(body).not.toHaveProperty("appName");
    expect(body).toMatchObject({
      id: "o8UJWkag5WTn",
      name: "comfy",
      ports: [{ port: "8080" }],
      workerConfig: { freeTimeout: 60, requestTimeout: 3600 },
      image: { image: "novitalabs/comfyui-worker:v0.0.1", authId: "auth-1", command: "" },
      clusterID: "cluster-1",
    });
  });
});

describe("jobs and health", () => {
  it("keeps an unknown job status as-is and treats it as unfinished", () => {
    const job = toJob(wireJobStatus.parse({ id: "j1", status: "WARMING_UP" }));
    expect(job).toEqual({
      id: "j1",
      status: "WARMING_UP",
      finished: false,
      delayTimeMs: undefined,
      executionTimeMs: undefined,
      output: undefined,
      error: undefined,
    });
  });

  it("fills a status reply without an id from the id asked about, and reads one without output", () => {
    const job = toJob(wireJobStatus.parse({ status: "IN_PROGRESS", delayTime: "15" }), "asked-1");
    expect(job).toMatchObject({
      id: "asked-1",
      status: "IN_PROGRESS",
      finished: false,
      delayTimeMs: 15,
      output: undefined,
    });
    expect(toJob(wireJobStatus.parse({ id: "own", status: "COMPLETED" }), "asked-1").id).toBe("own");
  });

  it("reads a finished job with timings, output and an error object as JSON text", () => {
    const completed = toJob(
      wireJobStatus.parse({
        id: "j1",
        status: "COMPLETED",
        delayTime: "120",
        executionTime: 3400,
        output: { images: [] },
      }),
    );
    expect(completed).toMatchObject({
      finished: true,
      delayTimeMs: 120,
      executionTimeMs: 3400,
      output: { images: [] },
    });
    const failed = toJob(wireJobStatus.parse({ id: "j2", status: "FAILED", error: { error_message: "boom" } }));
    expect(failed).toMatchObject({ finished: true, error: '{"error_message":"boom"}' });
  });

  it("reads /health, filling a missing total", () => {
    const health = toHealth(
      wireHealth.parse({
        workers: { idle: 1, running: "2" },
        jobs: { completed: 5, failed: 1, inProgress: 2, inQueue: 3, retried: 0 },
      }),
    );
    expect(health).toEqual({
      workers: { idle: 1, running: 2, throttled: 0, total: 3 },
      jobs: { completed: 5, failed: 1, inProgress: 2, inQueue: 3, retried: 0 },
      source: "health",
    });
  });

  it("maps the older /stats onto the same counters", () => {
    const stats = wireStats.parse({ busy_workers: 1, endpoint: "e41a", in_progress: 1, pending: 4, total_workers: 3 });
    expect(statsToHealth(stats)).toEqual({
      workers: { idle: 2, running: 1, throttled: 0, total: 3 },
      jobs: { completed: 0, failed: 0, inProgress: 1, inQueue: 4, retried: 0 },
      source: "stats",
    });
  });
});

describe("account data", () => {
  it("maps every limit", () => {
    const limits = toLimits(
      wireEndpointLimits.parse({
        minRootfsSize: 10,
        maxRootfsSize: 500,
        freeRootfsSize: "100",
        minLocalVolumeSize: 10,
        maxLocalVolumeSize: 1000,
        freeLocalVolumeSize: 30,
        minWorkerNum: 0,
        maxWorkerNum: 10,
        minFreeTimeout: 5,
        maxFreeTimeout: 3600,
        minConcurrencyNum: 1,
        maxConcurrencyNum: 100,
        minQueueWaitTime: 1,
        maxQueueWaitTime: 60,
        minRequestNum: 1,
        maxRequestNum: 100,
        minGPUNum: 1,
        maxGPUNum: 8,
        minRequestTimeout: 10,
        maxRequestTimeout: 86400,
        cudaVersionList: ["12.1", "12.4"],
      }),
    );
    expect(limits).toEqual({
      rootfsSizeGb: { min: 10, max: 500, free: 100 },
      localVolumeSizeGb: { min: 10, max: 1000, free: 30 },
      workers: { min: 0, max: 10 },
      idleTimeoutSeconds: { min: 5, max: 3600 },
      maxConcurrent: { min: 1, max: 100 },
      queueWaitSeconds: { min: 1, max: 60 },
      queuedRequests: { min: 1, max: 100 },
      gpusPerWorker: { min: 1, max: 8 },
      requestTimeoutSeconds: { min: 10, max: 86400 },
      cudaVersions: ["12.1", "12.4"],
    });
  });

  it("converts product prices from 1/100000 USD to USD per hour", () => {
    const list = wireGpuProductList.parse({
      data: [
        { id: "4090.24g", name: "RTX 4090 24GB", price: 35000, availableDeploy: false, cpuPerGpu: 16 },
        { id: "h100", name: "H100 SXM 80GB", price: "259000" },
      ],
    });
    expect((list.data ?? []).map(toGpuProduct)).toEqual([
      { id: "4090.24g", name: "RTX 4090 24GB", pricePerHourUsd: 0.35, available: false },
      { id: "h100", name: "H100 SXM 80GB", pricePerHourUsd: 2.59, available: true },
    ]);
  });

  it("reads the v2 serverless list leniently: numeric-string prices at a precision, names from the GPU spec", () => {
    const products = wireServerlessProductList.parse({
      data: [
        {
          id: "SL-serverless-1",
          name: "RTX 4090 24GB",
          pricing: { precision: 5, postpaid: { final_price: "35000" } },
          extra: { ignored: true },
        },
        {
          id: 3,
          resource_spec: { gpu: { model: "RTX 5090" } },
          pricing: { postpaid: { final_price: 50 } },
          available: false,
        },
        {
          id: "SL-serverless-7",
          name: "H100 SXM 80GB",
          pricing: { precision: "x", postpaid: { final_price: "2.56" } },
        },
        { id: "SL-odd", name: "Odd", pricing: "free" },
      ],
    });
    expect(products.map(toServerlessProduct)).toEqual([
      { id: "SL-serverless-1", name: "RTX 4090 24GB", pricePerHourUsd: 0.35, available: true },
      // No precision: the integer's unit is unknown, so the price is unknown, never $0.
      { id: "3", name: "RTX 5090", pricePerHourUsd: undefined, available: false },
      { id: "SL-serverless-7", name: "H100 SXM 80GB", pricePerHourUsd: 2.56, available: true },
      { id: "SL-odd", name: "Odd", pricePerHourUsd: undefined, available: true },
    ]);
    expect(wireServerlessProductList.parse({ products: [{ id: "a" }] })).toHaveLength(1);
    expect(wireServerlessProductList.safeParse({ message: "not a list" }).success).toBe(false);
  });

  it("turns final_price and precision into USD only when both are readable", () => {
    expect(serverlessPrice("69000", 5)).toBe(0.69);
    expect(serverlessPrice(12, 0)).toBe(12);
    expect(serverlessPrice("0.5", undefined)).toBe(0.5);
    expect(serverlessPrice("", 5)).toBeUndefined();
    expect(serverlessPrice("-1", 5)).toBeUndefined();
    expect(serverlessPrice("abc", 2)).toBeUndefined();
    expect(serverlessPrice(100, 2.5)).toBeUndefined();
  });

  it("drops the password Novita echoes back with registry credentials", () => {
    const list = wireRegistryCredentialList.parse({
      data: [{ id: "a1", name: "ghcr", username: "bot", password: "hunter2-secret" }],
    });
    const credentials = (list.data ?? []).map(toRegistryCredential);
    expect(credentials).toEqual([{ id: "a1", name: "ghcr", username: "bot" }]);
    expect(JSON.stringify(list)).not.toContain("hunter2-secret");
    const unparsed = { id: "a1", name: "ghcr", username: "bot", password: "hunter2-secret" };
    expect(toRegistryCredential(unparsed)).not.toHaveProperty("password");
  });

  it.each([
    ["data", { data: [{ id: "ns-1", name: "models", size: "50", clusterId: "c1" }] }],
    [
      "networkStorages",
      { networkStorages: [{ storageId: "ns-1", storageName: "models", storageSize: 50, clusterID: "c1" }] },
    ],
    ["storages", { storages: [{ id: "ns-1", storageName: "models", storageSize: 50, clusterId: "c1" }] }],
  ])("reads network storages listed under %s", (_, body) => {
    expect(wireNetworkStorageList.parse(body).map(toNetworkStorage)).toEqual([
      { id: "ns-1", name: "models", sizeGb: 50, clusterId: "c1" },
    ]);
  });

  it("reads an answer without storages as none, and refuses a storage without any id", () => {
    expect(wireNetworkStorageList.parse({})).toEqual([]);
    expect(wireNetworkStorageList.safeParse({ data: [{ name: "x" }] }).success).toBe(false);
  });
});
