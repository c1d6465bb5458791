/** The sandbox's reading of create/update bodies: numeric strings, partial updates, the error table's reasons. */
import { describe, expect, it } from "vitest";
import {
  checkEndpointConfig,
  configFromCreate,
  createEndpointBodySchema,
  InvalidEndpointConfig,
  mergeUpdate,
  updateEndpointBodySchema,
  type EndpointConfig,
} from "./endpoint-config";

function createBody(overrides: Record<string, unknown> = {}) {
  return {
    endpoint: {
      name: "cfg",
      workerConfig: { minNum: 0, maxNum: 2, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1 },
      ports: [{ port: "8080" }],
      policy: { type: "queue", value: 5 },
      image: { image: "example/echo:1" },
      products: [{ id: "SL-serverless-1" }],
      ...overrides,
    },
  };
}

function stored(): EndpointConfig {
  const parsed = createEndpointBodySchema.parse(
    createBody({
      envs: [{ key: "A", value: "1" }],
      image: { image: "example/echo:1", command: "python serve.py" },
      healthy: { path: "/health" },
      clusterID: "",
    }),
  );
  return configFromCreate(parsed.endpoint, "app");
}

function refusal(config: EndpointConfig): InvalidEndpointConfig {
  try {
    checkEndpointConfig(config, new Set());
  } catch (error) {
    if (error instanceof InvalidEndpointConfig) return error;
    throw error;
  }
  throw new Error("the config was accepted");
}

describe("integers", () => {
  it("accepts numeric strings for every integer of create", () => {
    const parsed = createEndpointBodySchema.parse(
      createBody({
        workerConfig: {
          minNum: "1",
          maxNum: "3",
          freeTimeout: "300",
          maxConcurrent: "2",
          gpuNum: "1",
          requestTimeout: "600",
        },
        policy: { type: "concurrency", value: "4" },
        rootfsSize: "120",
        volumeMounts: [{ type: "local", size: "30", mountPath: "/workspace" }],
      }),
    );
    expect(parsed.endpoint.workerConfig).toEqual({
      minNum: 1,
      maxNum: 3,
      freeTimeout: 300,
      maxConcurrent: 2,
      gpuNum: 1,
      requestTimeout: 600,
    });
    expect(parsed.endpoint).toMatchObject({
      policy: { value: 4 },
      rootfsSize: 120,
      ports: [{ port: 8080 }],
      volumeMounts: [{ size: 30 }],
    });
  });

  it("refuses a string that is not a whole number, naming the field", () => {
    for (const bad of ["abc", "1.5", ""]) {
      const result = updateEndpointBodySchema.safeParse({ id: "x", workerConfig: { freeTimeout: bad } });
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]!.path).toEqual(["workerConfig", "freeTimeout"]);
    }
    expect(createEndpointBodySchema.safeParse(createBody({ type: "batch" })).success).toBe(false);
  });
});

describe("mergeUpdate", () => {
  it("takes Novita's CLI body (partial, numbers as strings) and keeps everything it leaves out", () => {
    const before = stored();
    const body = updateEndpointBodySchema.parse({
      id: "x",
      workerConfig: { minNum: 1, maxNum: 4, freeTimeout: "300", maxConcurrent: "2", gpuNum: 1 },
      ports: [{ port: "8080" }],
      policy: { type: "queue", value: "10" },
      image: { image: "example/echo:2" },
    });
    const after = mergeUpdate(before, body);
    expect(after.workerConfig).toEqual({
      ...before.workerConfig,
      minNum: 1,
      maxNum: 4,
      freeTimeout: 300,
      maxConcurrent: 2,
    });
    expect(after.policy).toEqual({ type: "queue", value: 10 });
    // Keys left out inside image keep their values; whole fields left out keep theirs.
    expect(after.image).toEqual({ image: "example/echo:2", authId: "", command: "python serve.py" });
    expect(after).toMatchObject({
      name: "cfg",
      envs: [{ key: "A", value: "1" }],
      healthy: { path: "/health" },
      appName: "app",
      rootfsSize: 100,
    });
  });

  it("replaces what is sent: a lone field inside workerConfig, a whole env list", () => {
    const before = stored();
    const after = mergeUpdate(
      before,
      updateEndpointBodySchema.parse({ id: "x", workerConfig: { maxNum: "5" }, envs: [] }),
    );
    expect(after.workerConfig).toEqual({ ...before.workerConfig, maxNum: 5 });
    expect(after.envs).toEqual([]);
    expect(after.ports).toEqual(before.ports);
  });

  it("ignores what update cannot change: products, rootfsSize, type, appName", () => {
    const before = stored();
    const body = updateEndpointBodySchema.parse({
      id: "x",
      products: [{ id: "4090.16c62g" }],
      rootfsSize: 300,
      type: "async",
      appName: "other",
    });
    expect(mergeUpdate(before, body)).toEqual(before);
  });
});

describe("checkEndpointConfig reasons", () => {
  it("an instance product or an unknown one: SERVERLESS_PRODUCT_NOT_FOUND on products", () => {
    for (const id of ["4090.16c62g", "h100sxm.24c240g", "sandbox-rtx-4090-24gb"]) {
      const error = refusal({ ...stored(), products: [{ id }] });
      expect([error.reason, error.field, error.message]).toEqual([
        "SERVERLESS_PRODUCT_NOT_FOUND",
        "products",
        `serverless product ${id} not found`,
      ]);
    }
    for (const id of ["SL-serverless-1", "SL-serverless-3", "SL-serverless-7"]) {
      expect(() => checkEndpointConfig({ ...stored(), products: [{ id }] }, new Set())).not.toThrow();
    }
  });

  it("a missing network storage: NETWORK_STORAGE_NOT_FOUND on volumeMounts.N.id; a bound: VALIDATOR_PARAM", () => {
    const mounts: EndpointConfig["volumeMounts"] = [
      { type: "local", id: "", size: 30, mountPath: "/workspace" },
      { type: "network", id: "ns-nope", size: 0, mountPath: "/models" },
    ];
    const storage = refusal({ ...stored(), volumeMounts: mounts });
    expect([storage.reason, storage.field]).toEqual(["NETWORK_STORAGE_NOT_FOUND", "volumeMounts.1.id"]);
    const bound = refusal({ ...stored(), workerConfig: { ...stored().workerConfig, maxNum: 21 } });
    expect([bound.reason, bound.field]).toEqual(["VALIDATOR_PARAM", "workerConfig.maxNum"]);
  });
});
