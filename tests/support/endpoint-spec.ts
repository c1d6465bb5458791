import type { EndpointSpec } from "@/lib/novita/types";

/** A valid endpoint spec for the sandbox (echo worker, RTX 4090, scale from zero), with overrides. */
export function makeEndpointSpec(overrides: Partial<Omit<EndpointSpec, "image">> & { imageName?: string } = {}): EndpointSpec {
  const { imageName, ...rest } = overrides;
  return {
    name: `test-${Math.random().toString(36).slice(2, 8)}`,
    appName: "async",
    workers: { min: 0, max: 2, idleTimeoutSeconds: 60, maxConcurrent: 1, gpusPerWorker: 1, requestTimeoutSeconds: 600 },
    port: 8080,
    policy: { type: "queue", value: 1 },
    image: { image: imageName ?? "example/echo-worker:1", registryAuthId: undefined, command: undefined },
    cudaVersion: undefined,
    productId: "sandbox-rtx-4090-24gb",
    rootfsSizeGb: 100,
    volumeMounts: [],
    clusterId: undefined,
    env: [],
    healthCheckPath: undefined,
    ...rest,
  };
}
