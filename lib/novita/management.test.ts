import { describe, expect, it } from "vitest";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";

import { createNovitaClient } from "./client";
import { empty, fakeFetch, json, type ScriptedAnswer } from "./fake-fetch";
import type { EndpointSpec } from "./types";

const API = "https://api.novita.ai/gpu-instance/openapi/v1";

function management(...script: ScriptedAnswer[]) {
  const fetch = fakeFetch(...script);
  const client = createNovitaClient({
    apiBaseUrl: API,
    jobsBaseUrl: "https://async-public.serverless.novita.ai/v1",
    apiKey: "sk_test_key_123456",
    fetch,
    sleep: async () => {},
  });
  return { api: client.management, fetch };
}

const endpoint = (id: string, appName = "") => ({ id, name: id, appName });
const endpoints = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => endpoint(`ep${from + index}`));

const spec: EndpointSpec = makeEndpointSpec({
  name: "comfy",
  appName: "async",
  workers: { min: 0, max: 1, idleTimeoutSeconds: 60, maxConcurrent: 1, gpusPerWorker: 1, requestTimeoutSeconds: 600 },
  imageName: "novitalabs/comfyui-worker:v0.0.1",
  productId: "4090.24g",
});

describe("endpoints", () => {
  it("lists endpoints with derived and overridden job route names", async () => {
    const { api, fetch } = management(
      json({ endpoints: [endpoint("o8UJWkag5WTn", "async"), endpoint("0f43a6867e05fddd")], total: 2 }),
    );
    const listed = await api.listEndpoints({ routeNameOverrides: { o8UJWkag5WTn: "custom-route" } });
    expect(listed.map((item) => item.jobRouteName)).toEqual(["custom-route", "0f43a6867e05fddd-0f43a6867e05fddd"]);
    // A default app name leaves two forms open: the composed one first, the bare id second (§10.9).
    expect(listed[1]?.jobRouteCandidates).toEqual(["0f43a6867e05fddd-0f43a6867e05fddd", "0f43a6867e05fddd"]);
    expect(listed[0]?.jobRouteCandidates).toEqual(["o8UJWkag5WTn-async"]);
    expect(fetch.calls.map((call) => call.url)).toEqual([`${API}/endpoints?pageSize=100&pageNum=0`]);
  });

  it("pages through the list until `total` is reached", async () => {
    const { api, fetch } = management(
      json({ endpoints: endpoints(0, 100), total: "150" }),
      json({ endpoints: endpoints(100, 50), total: 150 }),
    );
    expect(await api.listEndpoints()).toHaveLength(150);
    expect(fetch.calls.map((call) => new URL(call.url).searchParams.get("pageNum"))).toEqual(["0", "1"]);
  });

  it("copes with 1-based pages, where page 0 repeats page 1", async () => {
    const { api, fetch } = management(
      json({ endpoints: endpoints(0, 100), total: 150 }),
      json({ endpoints: endpoints(0, 100), total: 150 }),
      json({ endpoints: endpoints(100, 50), total: 150 }),
    );
    expect(await api.listEndpoints()).toHaveLength(150);
    expect(fetch.calls).toHaveLength(3);
  });

  it("stops when the server ignores paging", async () => {
    const { api, fetch } = management(json({ endpoints: endpoints(0, 100), total: 150 }));
    expect(await api.listEndpoints()).toHaveLength(100);
    expect(fetch.calls).toHaveLength(3);
  });

  it("gets one endpoint by `?id=`", async () => {
    const { api, fetch } = management(
      json({ endpoint: { ...endpoint("o8UJWkag5WTn", "async"), ports: [{ port: 123 }] } }),
    );
    const got = await api.getEndpoint("o8UJWkag5WTn");
    expect(got.spec.port).toBe(123);
    expect(got.jobRouteName).toBe("o8UJWkag5WTn-async");
    expect(fetch.calls[0]?.url).toBe(`${API}/endpoint?id=o8UJWkag5WTn`);
  });

  it("creates with the wrapped body and returns the new id", async () => {
    const { api, fetch } = management(json({ id: "newId" }));
    await expect(api.createEndpoint(spec)).resolves.toEqual({ id: "newId" });
    const call = fetch.calls[0];
    expect(call).toMatchObject({ url: `${API}/endpoint/create`, method: "POST" });
    const body = JSON.parse(call?.body ?? "{}");
    expect(body.endpoint).toMatchObject({
      name: "comfy",
      type: "async",
      ports: [{ port: "8080" }],
      products: [{ id: "4090.24g" }],
      rootfsSize: 100,
    });
  });

  it("updates with the unwrapped body and accepts any answer", async () => {
    const { api, fetch } = management(json({ id: "x", whatever: true }));
    await api.updateEndpoint("x", spec);
    const call = fetch.calls[0];
    expect(call).toMatchObject({ url: `${API}/endpoint/update`, method: "POST" });
    const body = JSON.parse(call?.body ?? "{}");
    expect(body).toMatchObject({ id: "x", name: "comfy" });
    expect(body).not.toHaveProperty("endpoint");
    expect(body).not.toHaveProperty("products");
  });

  it("deletes by sending the id as both `name` (docs, CLI) and `id` (other code bases)", async () => {
    const { api, fetch } = management(json({}));
    await api.deleteEndpoint("o8UJWkag5WTn");
    expect(fetch.calls[0]).toMatchObject({
      url: `${API}/endpoint/delete`,
      method: "POST",
      body: '{"name":"o8UJWkag5WTn","id":"o8UJWkag5WTn"}',
    });
  });

  it("reads the limits", async () => {
    const limits = Object.fromEntries(
      [
        "minRootfsSize",
        "maxRootfsSize",
        "freeRootfsSize",
        "minLocalVolumeSize",
        "maxLocalVolumeSize",
        "freeLocalVolumeSize",
        "minWorkerNum",
        "maxWorkerNum",
        "minFreeTimeout",
        "maxFreeTimeout",
        "minConcurrencyNum",
        "maxConcurrencyNum",
        "minQueueWaitTime",
        "maxQueueWaitTime",
        "minRequestNum",
        "maxRequestNum",
        "minGPUNum",
        "maxGPUNum",
        "minRequestTimeout",
        "maxRequestTimeout",
      ].map((field, index) => [field, index]),
    );
    const { api, fetch } = management(json({ ...limits, cudaVersionList: ["12.4"] }));
    const read = await api.getLimits();
    expect(read.requestTimeoutSeconds).toEqual({ min: 18, max: 19 });
    expect(read.cudaVersions).toEqual(["12.4"]);
    expect(fetch.calls[0]?.url).toBe(`${API}/endpoint/limit`);
  });
});

describe("registry credentials", () => {
  it("saves (204, no body), then finds the new id by listing", async () => {
    const { api, fetch } = management(
      json({ data: [{ id: "old", name: "ghcr", username: "bot", password: "p1" }] }),
      empty(204),
      json({
        data: [
          { id: "old", name: "ghcr", username: "bot", password: "p1" },
          { id: "new", name: "ghcr", username: "bot2", password: "p2" },
        ],
      }),
    );
    const saved = await api.saveRegistryCredentialAndFindId({ name: "ghcr", username: "bot2", password: "p2" });
    expect(saved).toEqual({ id: "new", name: "ghcr", username: "bot2" });
    expect(fetch.calls.map((call) => `${call.method} ${new URL(call.url).pathname}`)).toEqual([
      "GET /gpu-instance/openapi/v1/repository/auths",
      "POST /gpu-instance/openapi/v1/repository/auth/save",
      "GET /gpu-instance/openapi/v1/repository/auths",
    ]);
    expect(JSON.parse(fetch.calls[1]?.body ?? "{}")).toEqual({ name: "ghcr", username: "bot2", password: "p2" });
  });

  it("returns the same-named credential when save updated it in place", async () => {
    const list = json({ data: [{ id: "a1", name: "ghcr", username: "bot", password: "p" }] });
    const { api } = management(list, empty(200), list);
    expect(await api.saveRegistryCredentialAndFindId({ name: "ghcr", username: "bot", password: "p" })).toEqual({
      id: "a1",
      name: "ghcr",
      username: "bot",
    });
  });

  it("fails clearly when the saved credential is not listed", async () => {
    const { api } = management(json({ data: [] }), empty(), json({ data: null }));
    await expect(
      api.saveRegistryCredentialAndFindId({ name: "ghcr", username: "u", password: "p" }),
    ).rejects.toMatchObject({
      kind: "upstream",
      userMessage: expect.stringContaining('"ghcr"'),
    });
  });

  it("deletes by id", async () => {
    const { api, fetch } = management(json({}));
    await api.deleteRegistryCredential("a1");
    expect(fetch.calls[0]).toMatchObject({ url: `${API}/repository/auth/delete`, method: "POST", body: '{"id":"a1"}' });
  });
});

describe("storages and products", () => {
  it("lists network storages", async () => {
    const { api, fetch } = management(
      json({ data: [{ storageId: "ns-1", storageName: "models", storageSize: 50, clusterId: "c1" }] }),
    );
    expect(await api.listNetworkStorages()).toEqual([{ id: "ns-1", name: "models", sizeGb: 50, clusterId: "c1" }]);
    expect(fetch.calls[0]?.url).toBe(`${API}/networkstorages/list?pageSize=100`);
  });

  it("lists GPU-instance products with prices in USD (unknown when there is none)", async () => {
    const { api, fetch } = management(
      json({
        data: [
          { id: "4090.24g", name: "RTX 4090 24GB", price: 69000 },
          { id: "h100.x", name: "H100" },
        ],
      }),
    );
    expect(await api.listInstanceProducts()).toEqual([
      { id: "4090.24g", name: "RTX 4090 24GB", pricePerHourUsd: 0.69, available: true },
      { id: "h100.x", name: "H100", pricePerHourUsd: undefined, available: true },
    ]);
    expect(fetch.calls[0]?.url).toBe(`${API}/products`);
  });
});
