/** The management API over real HTTP: catalogues, type, the GPU error table's reasons, lenient update, delete, states. */
import { describe, expect, it } from "vitest";
import { createBody, eventually, sandboxForEachTest } from "./test-support";

const t = sandboxForEachTest();

const get = async (id: string) => (await t.api("GET", `/endpoint?id=${id}`)).json.endpoint;

describe("auth", () => {
  it("answers 403 INVALID_API_KEY on v1, v2 and the gateway without the key", async () => {
    for (const path of ["/gpu-instance/openapi/v1/endpoints", "/gpus/v2/products", "/v1/abc/health"]) {
      const answer = await t.call("GET", path, undefined, "sk_wrong");
      expect([answer.status, answer.json]).toEqual([
        403,
        { code: 403, reason: "INVALID_API_KEY", message: "invalid api-key" },
      ]);
    }
  });
});

describe("two catalogues", () => {
  it("v1 /products lists GPU-instance products with instance ids", async () => {
    const { status, json } = await t.api("GET", "/products");
    expect(status).toBe(200);
    expect(json.data.map((product: { id: string }) => product.id)).toEqual(["4090.16c62g", "h100sxm.24c240g"]);
    expect(json.data[0]).toMatchObject({
      name: "RTX 4090 24GB",
      price: 69_000,
      availableDeploy: true,
      cpuPerGpu: 16,
      memoryPerGpu: 62,
      regions: ["sandbox-cluster-1"],
    });
  });

  it("v2 /gpus/v2/products?type=gpu&category=serverless lists only the serverless products, prices as strings", async () => {
    const { status, json } = await t.call("GET", "/gpus/v2/products?type=gpu&category=serverless");
    expect(status).toBe(200);
    expect(json.total).toBe(3);
    expect(json.data[0]).toEqual({
      id: "SL-serverless-1",
      name: "RTX 4090 24GB",
      category: "serverless",
      pricing: { precision: 5, postpaid: { final_price: "35000" } },
      resource_spec: { gpu: { model: "RTX 4090", memory_gb: 24, count: 1 } },
      available: true,
    });
    const summary = json.data.map((p: { id: string; name: string; pricing: { postpaid: { final_price: string } } }) => [
      p.id,
      p.name,
      p.pricing.postpaid.final_price,
    ]);
    expect(summary).toEqual([
      ["SL-serverless-1", "RTX 4090 24GB", "35000"],
      ["SL-serverless-3", "RTX 5090 32GB", "50000"],
      ["SL-serverless-7", "H100 SXM 80GB", "256000"],
    ]);
  });

  it("v2 without category=serverless mixes in the instance products; another type lists nothing", async () => {
    for (const query of ["", "?type=gpu", "?type=gpu&category=instance"]) {
      const { json } = await t.call("GET", `/gpus/v2/products${query}`);
      expect(json.total, query).toBe(5);
      expect(
        json.data.filter((p: { category: string }) => p.category === "instance").map((p: { id: string }) => p.id),
      ).toEqual(["4090.16c62g", "h100sxm.24c240g"]);
    }
    expect((await t.call("GET", "/gpus/v2/products?type=cpu")).json).toEqual({ data: [], total: 0 });
  });

  it("create accepts a serverless id and refuses an instance or unknown id with 400 SERVERLESS_PRODUCT_NOT_FOUND", async () => {
    await t.create({ products: [{ id: "SL-serverless-7" }] });
    for (const id of ["4090.16c62g", "h100sxm.24c240g", "sandbox-rtx-4090-24gb"]) {
      const answer = await t.api("POST", "/endpoint/create", createBody({ products: [{ id }] }));
      expect([answer.status, answer.json]).toEqual([
        400,
        {
          code: 400,
          reason: "SERVERLESS_PRODUCT_NOT_FOUND",
          message: `serverless product ${id} not found`,
          metadata: { field: "products" },
        },
      ]);
    }
    expect((await t.api("GET", "/endpoints")).json.total).toBe(1);
  });
});

describe("endpoint type", () => {
  it("is stored as sent, sync when absent, shown in get and list, and kept by update", async () => {
    const async = await t.create({ type: "async" });
    const plain = await t.create();
    expect((await get(async)).type).toBe("async");
    expect((await get(plain)).type).toBe("sync");
    const rows = (await t.api("GET", "/endpoints")).json.endpoints as { id: string; type: string }[];
    expect(Object.fromEntries(rows.map((row) => [row.id, row.type]))).toEqual({ [async]: "async", [plain]: "sync" });
    expect((await t.api("POST", "/endpoint/update", { id: async, type: "sync", name: "renamed" })).status).toBe(200);
    expect(await get(async)).toMatchObject({ type: "async", name: "renamed" });
  });

  it("anything but async or sync answers 400 VALIDATOR_PARAM on type", async () => {
    const answer = await t.api("POST", "/endpoint/create", createBody({ type: "ASYNC" }));
    expect([answer.status, answer.json.reason, answer.json.metadata]).toEqual([
      400,
      "VALIDATOR_PARAM",
      { field: "type" },
    ]);
  });
});

describe("errors per the GPU error table", () => {
  it("validation failures answer 400 VALIDATOR_PARAM naming the field (without the endpoint. wrapper); non-JSON stays INVALID_REQUEST_BODY", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { workerConfig: { minNum: 0, maxNum: 21, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1 } },
        "workerConfig.maxNum",
      ],
      [
        { workerConfig: { minNum: 0, maxNum: 2, freeTimeout: "abc", maxConcurrent: 1, gpuNum: 1 } },
        "workerConfig.freeTimeout",
      ],
      [{ image: undefined }, "image"],
      [{ ports: [{ port: 2222 }] }, "ports"],
      [{ envs: [{ key: "1BAD", value: "" }] }, "envs.0.key"],
    ];
    for (const [overrides, field] of cases) {
      const answer = await t.api("POST", "/endpoint/create", createBody(overrides));
      expect([answer.status, answer.json.code, answer.json.reason, answer.json.metadata], field).toEqual([
        400,
        400,
        "VALIDATOR_PARAM",
        { field },
      ]);
    }
    const broken = await t.api("POST", "/endpoint/create", "{not json");
    expect([broken.status, broken.json.reason]).toEqual([400, "INVALID_REQUEST_BODY"]);
  });

  it("an unknown endpoint id on get, update and delete answers 400 SERVERLESS_ENDPOINT_NOT_FOUND", async () => {
    const expected = {
      code: 400,
      reason: "SERVERLESS_ENDPOINT_NOT_FOUND",
      message: "serverless endpoint nope not found",
    };
    for (const answer of [
      await t.api("GET", "/endpoint?id=nope"),
      await t.api("POST", "/endpoint/update", { id: "nope", name: "x" }),
      await t.api("POST", "/endpoint/delete", { name: "nope" }),
    ]) {
      expect([answer.status, answer.json]).toEqual([400, expected]);
    }
  });

  it("an app name another endpoint uses answers 400 SERVERLESS_APP_NAME_IS_EXIST on appName", async () => {
    await t.create({ appName: "painter" });
    await t.create({ appName: "" });
    const answer = await t.api("POST", "/endpoint/create", createBody({ appName: "painter" }));
    expect([answer.status, answer.json]).toEqual([
      400,
      {
        code: 400,
        reason: "SERVERLESS_APP_NAME_IS_EXIST",
        message: "serverless app name painter already exists",
        metadata: { field: "appName" },
      },
    ]);
    await t.create({ appName: "painter-2" });
  });

  it("a missing network storage answers 400 NETWORK_STORAGE_NOT_FOUND on volumeMounts.N.id; an existing one is mounted", async () => {
    const missing = await t.api(
      "POST",
      "/endpoint/create",
      createBody({
        volumeMounts: [{ type: "network", id: "ns-nope", mountPath: "/models" }],
        clusterID: "sandbox-cluster-1",
      }),
    );
    expect([missing.status, missing.json.reason, missing.json.metadata]).toEqual([
      400,
      "NETWORK_STORAGE_NOT_FOUND",
      { field: "volumeMounts.0.id" },
    ]);
    const id = await t.create({
      volumeMounts: [{ type: "network", id: "ns-sandbox-models", mountPath: "/models" }],
      clusterID: "sandbox-cluster-1",
    });
    expect((await get(id)).volumeMounts).toEqual([
      { type: "network", id: "ns-sandbox-models", size: 0, mountPath: "/models" },
    ]);
  });

  it("deleting an unknown registry credential answers 400 RESOURCE_NOT_FOUND", async () => {
    const answer = await t.api("POST", "/repository/auth/delete", { id: "auth-nope" });
    expect([answer.status, answer.json]).toEqual([
      400,
      { code: 400, reason: "RESOURCE_NOT_FOUND", message: "registry credential auth-nope not found" },
    ]);
  });
});

describe("lenient update", () => {
  it("takes the partial body Novita's CLI sends (GET's values echoed, numbers as strings) and keeps the rest", async () => {
    const id = await t.create({
      envs: [{ key: "MODEL", value: "flux" }],
      healthy: { path: "/health" },
      image: { image: "example/echo:1", command: "serve" },
    });
    const before = await get(id);
    const { minNum, maxNum, freeTimeout, maxConcurrent, gpuNum } = before.workerConfig;
    const answer = await t.api("POST", "/endpoint/update", {
      id,
      workerConfig: { minNum, maxNum: maxNum + 2, freeTimeout: "300", maxConcurrent, gpuNum },
      ports: before.ports,
      policy: { type: "queue", value: "7" },
      image: { image: "example/echo:2" },
    });
    expect(answer.status).toBe(200);
    const after = await get(id);
    expect(after.workerConfig).toEqual({ ...before.workerConfig, maxNum: maxNum + 2, freeTimeout: "300" });
    expect(after.policy).toEqual({ type: "queue", value: "7" });
    expect(after.image).toEqual({ image: "example/echo:2", authId: "", command: "serve" });
    expect(after).toMatchObject({
      name: before.name,
      envs: [{ key: "MODEL", value: "flux" }],
      healthy: { path: "/health" },
      products: [{ id: "SL-serverless-1" }],
    });
    expect(freeTimeout).toBe("60");
  });

  it("validates the merged result, refuses non-numeric strings, and needs the id", async () => {
    const id = await t.create();
    const merged = await t.api("POST", "/endpoint/update", { id, workerConfig: { minNum: "5" } });
    expect([merged.status, merged.json.reason, merged.json.metadata]).toEqual([
      400,
      "VALIDATOR_PARAM",
      { field: "workerConfig.minNum" },
    ]);
    const word = await t.api("POST", "/endpoint/update", { id, policy: { value: "abc" } });
    expect([word.status, word.json.reason, word.json.metadata]).toEqual([
      400,
      "VALIDATOR_PARAM",
      { field: "policy.value" },
    ]);
    const noId = await t.api("POST", "/endpoint/update", { name: "x" });
    expect([noId.status, noId.json.reason, noId.json.metadata]).toEqual([400, "VALIDATOR_PARAM", { field: "id" }]);
    expect((await get(id)).workerConfig.minNum).toBe(0);
  });
});

describe("delete", () => {
  it("accepts {name}, {id} or both; neither, or two different ids, answer 400 VALIDATOR_PARAM", async () => {
    for (const body of [(id: string) => ({ name: id }), (id: string) => ({ id }), (id: string) => ({ name: id, id })]) {
      const id = await t.create();
      expect((await t.api("POST", "/endpoint/delete", body(id))).status).toBe(200);
      expect((await t.api("GET", `/endpoint?id=${id}`)).json.reason).toBe("SERVERLESS_ENDPOINT_NOT_FOUND");
    }
    const kept = await t.create();
    const other = await t.create();
    for (const body of [{}, { name: kept, id: other }]) {
      const answer = await t.api("POST", "/endpoint/delete", body);
      expect([answer.status, answer.json.reason]).toEqual([400, "VALIDATOR_PARAM"]);
    }
    expect((await t.api("GET", "/endpoints")).json.total).toBe(2);
  });
});

describe("states", () => {
  it("a new endpoint is creating, then serving; after an update it is updating, then serving", async () => {
    const id = await t.create();
    expect((await get(id)).state).toEqual({
      state: "creating",
      error: "",
      message: "pulling image and preparing workers",
    });
    await eventually(
      () => get(id),
      (endpoint) => endpoint.state.state === "serving",
    );
    const updated = await t.api("POST", "/endpoint/update", { id, name: "v2" });
    expect(updated.json.state.state).toBe("updating");
    expect((await get(id)).state.state).toBe("updating");
    await eventually(
      () => get(id),
      (endpoint) => endpoint.state.state === "serving",
    );
  });
});

describe("network storages", () => {
  it("lists {storageId, storageName, storageSize, clusterId, clusterName, price} with pageNo/pageSize", async () => {
    const { json } = await t.api("GET", "/networkstorages/list?pageNo=1&pageSize=10");
    expect(json).toEqual({
      data: [
        {
          storageId: "ns-sandbox-models",
          storageName: "comfyui-models",
          storageSize: 200,
          clusterId: "sandbox-cluster-1",
          clusterName: "Sandbox Cluster 1",
          price: 7000,
        },
      ],
      total: 1,
    });
    expect((await t.api("GET", "/networkstorages/list?pageNo=2&pageSize=1")).json).toEqual({ data: [], total: 1 });
    expect((await t.api("GET", "/networkstorages/list?storageName=nope")).json).toEqual({ data: [], total: 0 });
  });
});
