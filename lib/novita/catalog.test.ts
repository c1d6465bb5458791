import { describe, expect, it } from "vitest";
import { createNovitaClient } from "./client";
import { fakeFetch, json, type ScriptedAnswer } from "./fake-fetch";

const API = "https://api.novita.ai/gpu-instance/openapi/v1";

function catalog(...script: ScriptedAnswer[]) {
  const fetch = fakeFetch(...script);
  const client = createNovitaClient({
    apiBaseUrl: API,
    jobsBaseUrl: "https://jobs.example/v1",
    apiKey: "sk_test_key_123456",
    fetch,
    sleep: async () => {},
    retry: { maxRetries: 0 },
  });
  return { catalog: client.catalog, fetch };
}

const serverless = {
  data: [
    { id: "SL-serverless-1", name: "RTX 4090 24GB", pricing: { precision: 5, postpaid: { final_price: "35000" } } },
  ],
};
const instance = { data: [{ id: "4090.16c62g", name: "RTX 4090 24GB", price: 69000 }] };

describe("the serverless GPU catalogue", () => {
  it("reads GPU API v2's serverless list, on its own base URL, asking for category=serverless", async () => {
    const { catalog: api, fetch } = catalog(json(serverless));
    expect(await api.load()).toEqual({
      products: [{ id: "SL-serverless-1", name: "RTX 4090 24GB", pricePerHourUsd: 0.35, available: true }],
      source: "serverless",
      notice: undefined,
    });
    expect(fetch.calls.map((call) => call.url)).toEqual([
      "https://api.novita.ai/gpus/v2/products?type=gpu&category=serverless",
    ]);
  });

  it("falls back to v1's GPU-instance list only when v2 does not answer, and says so", async () => {
    const { catalog: api, fetch } = catalog(
      json({ code: 404, reason: "API_NOT_FOUND", message: "no such API" }, 404),
      json(instance),
    );
    const loaded = await api.load();
    expect(loaded.source).toBe("instance");
    expect(loaded.products.map((product) => product.id)).toEqual(["4090.16c62g"]);
    expect(loaded.notice).toMatch(
      /serverless GPU list \(GPU API v2\) did not answer: .*API_NOT_FOUND.*GPU-instance list \(v1\)/,
    );
    expect(fetch.calls.map((call) => call.url)).toEqual([
      "https://api.novita.ai/gpus/v2/products?type=gpu&category=serverless",
      `${API}/products`,
    ]);
  });

  it("treats a v2 answer of the wrong shape as unavailable too", async () => {
    const { catalog: api } = catalog(json({ message: "ok" }), json(instance));
    expect((await api.load()).source).toBe("instance");
  });

  it("answers with no products, never throwing, when neither list answers", async () => {
    const { catalog: api } = catalog(json({}, 502), new TypeError("fetch failed"));
    const loaded = await api.load();
    expect(loaded).toMatchObject({ products: [], source: "none" });
    expect(loaded.notice).toContain("Type the serverless product id yourself");
    expect(loaded.notice).not.toContain("sk_test_key_123456");
  });

  it("uses the v2 base URL it is given", async () => {
    const fetch = fakeFetch(json(serverless));
    const client = createNovitaClient({
      apiBaseUrl: API,
      jobsBaseUrl: "https://jobs.example/v1",
      gpusBaseUrl: "http://127.0.0.1:9/gpus/v2/",
      apiKey: "k",
      fetch,
    });
    await client.catalog.listServerlessProducts();
    expect(fetch.calls[0]?.url).toBe("http://127.0.0.1:9/gpus/v2/products?type=gpu&category=serverless");
  });
});
