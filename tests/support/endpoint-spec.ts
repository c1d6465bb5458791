import type { EndpointSpec } from "@/lib/novita/types";
import type { ManagementApi } from "@/lib/novita/management";

/** A valid endpoint spec for the sandbox (echo worker, serverless RTX 4090, scale from zero, a unique app name), with overrides. */
export function makeEndpointSpec(
  overrides: Partial<Omit<EndpointSpec, "image">> & { imageName?: string } = {},
): EndpointSpec {
  const { imageName, ...rest } = overrides;
  return {
    name: `test-${Math.random().toString(36).slice(2, 8)}`,
    // Novita refuses an app name another endpoint already has (SERVERLESS_APP_NAME_IS_EXIST), so each one is new.
    appName: `app${Math.random().toString(36).slice(2, 10)}`,
    workers: { min: 0, max: 2, idleTimeoutSeconds: 60, maxConcurrent: 1, gpusPerWorker: 1, requestTimeoutSeconds: 600 },
    port: 8080,
    policy: { type: "queue", value: 1 },
    image: { image: imageName ?? "example/echo-worker:1", registryAuthId: undefined, command: undefined },
    cudaVersion: undefined,
    productId: "SL-serverless-1",
    rootfsSizeGb: 100,
    volumeMounts: [],
    clusterId: undefined,
    env: [],
    healthCheckPath: undefined,
    ...rest,
  };
}

/** Creates an endpoint (`makeEndpointSpec` with `overrides`) and waits until it is serving; its id. */
export async function createServingEndpoint(
  management: Pick<ManagementApi, "createEndpoint" | "getEndpoint">,
  overrides: Parameters<typeof makeEndpointSpec>[0] = {},
): Promise<string> {
  const { id } = await management.createEndpoint(makeEndpointSpec(overrides));
  for (let attempt = 0; attempt < 250; attempt += 1) {
    if ((await management.getEndpoint(id)).status.state === "serving") return id;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`endpoint ${id} never served`);
}
