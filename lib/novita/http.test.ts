import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { scrubSecret } from "./errors";
import { connectionRefused, empty, fakeFetch, json, socketClosed, type ScriptedAnswer } from "./fake-fetch";
import { createHttpClient, type HttpRequest } from "./http";
import { backoffDelayMs, parseRetryAfterMs } from "./retry";
import { novitaFailure } from "@/tests/support/novita-failure";

const API_KEY = "sk_live_0123456789abcdefWXYZ";

function client(script: ScriptedAnswer[], options: { maxRetries?: number; timeoutMs?: number } = {}) {
  const fetch = fakeFetch(...script);
  const sleep = vi.fn(async (milliseconds: number) => {
    void milliseconds;
  });
  const http = createHttpClient({
    baseUrl: "https://api.novita.ai/gpu-instance/openapi/v1/",
    apiKey: API_KEY,
    baseUrlVariable: "NOVITA_API_BASE_URL",
    fetch,
    sleep,
    timeoutMs: options.timeoutMs,
    retry: { maxRetries: options.maxRetries ?? 3, baseDelayMs: 4, maxDelayMs: 20 },
  });
  return { http, fetch, sleep };
}

const listRequest: HttpRequest<{ endpoints: { id: string }[] }> = {
  operation: "list endpoints",
  method: "GET",
  path: "/endpoints",
  query: { pageSize: 100, pageNum: 0 },
  schema: z.object({ endpoints: z.array(z.object({ id: z.string() })) }),
};

const runRequest: HttpRequest<unknown> = {
  operation: "run job",
  method: "POST",
  path: "/abc/run",
  body: JSON.stringify({ input: {} }),
  schema: z.unknown(),
};

describe("requests", () => {
  it("sends the Bearer key and JSON headers to base URL + path + query", async () => {
    const { http, fetch } = client([json({ endpoints: [{ id: "a" }] })]);
    await expect(http.request(listRequest)).resolves.toEqual({ endpoints: [{ id: "a" }] });
    expect(fetch.calls).toEqual([
      {
        url: "https://api.novita.ai/gpu-instance/openapi/v1/endpoints?pageSize=100&pageNum=0",
        method: "GET",
        headers: { authorization: `Bearer ${API_KEY}`, accept: "application/json", "content-type": "application/json" },
        body: undefined,
      },
    ]);
  });

  it("names the operation and the field when the answer has an unexpected shape", async () => {
    const { http } = client([json({ endpoints: [{ name: "no id" }] })]);
    const error = await novitaFailure(http.request(listRequest));
    expect(error.kind).toBe("upstream");
    expect(error.message).toBe(
      "Novita answered list endpoints with an unexpected shape: endpoints.0.id: expected string, received undefined",
    );
  });

  it("reports a body that is not JSON", async () => {
    const { http } = client([new Response("<html>hi</html>", { status: 200 })]);
    expect((await novitaFailure(http.request(listRequest))).message).toContain("the body is not JSON");
  });

  it("accepts an empty 204 where the answer is ignored", async () => {
    const { http } = client([empty()]);
    await expect(http.request(runRequest)).resolves.toBeUndefined();
  });
});

describe("error mapping", () => {
  it.each([
    [400, { code: 400, reason: "INVALID_REQUEST_BODY", message: "maxNum must be >= minNum" }, "invalid"],
    [400, { code: 400, reason: "MISSING_API_KEY", message: "missing api-key" }, "auth"],
    [401, {}, "auth"],
    [403, { code: 403, reason: "INVALID_API_KEY", message: "invalid api-key" }, "auth"],
    [404, { code: 404, reason: "API_NOT_FOUND", message: "not found" }, "not_found"],
    [413, {}, "too_large"],
    [422, { message: "bad port" }, "invalid"],
    [429, { reason: "RATE_LIMIT_EXCEEDED" }, "rate_limited"],
    [500, { reason: "BILLING_FAILED" }, "upstream"],
    [502, {}, "upstream"],
    // The GPU table (§10.3): not-found is 400 with a *_NOT_FOUND reason; the reason decides.
    [400, { code: 400, reason: "SERVERLESS_ENDPOINT_NOT_FOUND", message: "endpoint not found" }, "not_found"],
    [400, { code: 400, reason: "SERVERLESS_PRODUCT_NOT_FOUND", message: "product not found" }, "not_found"],
    [400, { code: 400, reason: "NETWORK_STORAGE_NOT_FOUND" }, "not_found"],
    [400, { code: 400, reason: "VALIDATOR_PARAM", message: "invalid parameter" }, "invalid"],
    [400, { code: 400, reason: "SERVERLESS_APP_NAME_IS_EXIST" }, "invalid"],
    [401, { code: 401, reason: "UNAUTHORIZED" }, "auth"],
    [400, { code: 400, reason: "CLUSTER_STATUS", message: "Cluster status abnormal" }, "unavailable"],
    [500, { code: 500, message: "serverless cluster is not active" }, "unavailable"],
  ] as const)("maps HTTP %i %j to %s", async (status, body, kind) => {
    const { http } = client([json(body, status)], { maxRetries: 0 });
    const error = await novitaFailure(http.request(listRequest));
    expect(error).toMatchObject({ kind, status, operation: "list endpoints", outcomeUnknown: false });
    expect(error.userMessage.length).toBeGreaterThan(20);
  });

  it("tells the user to check the key on INVALID_API_KEY", async () => {
    const { http } = client([json({ code: 403, reason: "INVALID_API_KEY", message: "invalid api-key" }, 403)]);
    const error = await novitaFailure(http.request(listRequest));
    expect(error).toMatchObject({ reason: "INVALID_API_KEY", upstreamMessage: "invalid api-key" });
    expect(error.userMessage).toBe(
      "Novita refused the API key (INVALID_API_KEY). Check the key in Settings → Connection.",
    );
  });

  it.each(["BALANCE_NOT_ENOUGH", "EXPIRED_OR_BALANCE_NOT_ENOUGH", "BILLING_BALANCE_NOT_ENOUGH"])(
    "gives %s (HTTP 400) a billing message that says what to do",
    async (reason) => {
      const { http } = client([json({ code: 400, reason, message: "Insufficient balance" }, 400)]);
      const error = await novitaFailure(http.request(listRequest));
      expect(error.userMessage).toContain(`billing reasons (HTTP 400: ${reason}: Insufficient balance)`);
      expect(error.userMessage).toContain("Top up the balance");
    },
  );

  it("puts an app name that is taken on the app-name field, and a missing product on the products field", async () => {
    const taken = await novitaFailure(
      client([
        json({ code: 400, reason: "SERVERLESS_APP_NAME_IS_EXIST", message: "app name exists" }, 400),
      ]).http.request(listRequest),
    );
    expect(taken).toMatchObject({ field: "appName" });
    expect(taken.userMessage).toContain("already used by another endpoint");
    const product = await novitaFailure(
      client([json({ code: 400, reason: "SERVERLESS_PRODUCT_NOT_FOUND", message: "x" }, 400)]).http.request(
        listRequest,
      ),
    );
    expect(product).toMatchObject({ kind: "not_found", field: "products" });
    expect(product.userMessage).toContain("no serverless GPU product with that id");
    const named = await novitaFailure(
      client([
        json({ code: 400, reason: "SERVERLESS_PRODUCT_NOT_FOUND", metadata: { field: "products.0.id" } }, 400),
      ]).http.request(listRequest),
    );
    expect(named.field).toBe("products.0.id");
  });

  it("tells the user to wait and retry while the serverless cluster is not active, or on 429", async () => {
    const inactive = await novitaFailure(
      client([
        json({ code: 400, reason: "CLUSTER_STATUS", message: "serverless cluster is not active" }, 400),
      ]).http.request(listRequest),
    );
    expect(inactive.userMessage).toContain("Wait a minute or two and try again");
    const limited = await novitaFailure(
      client([json({ reason: "RATE_LIMIT_EXCEEDED" }, 429, { "retry-after": "7" })], { maxRetries: 0 }).http.request(
        listRequest,
      ),
    );
    expect(limited.userMessage).toBe("Novita is limiting how fast this key may call it (429). Wait 7 s and try again.");
  });

  it("says what was rejected on a 400", async () => {
    const { http } = client([json({ reason: "INVALID_REQUEST_BODY", message: "maxNum must be >= minNum" }, 400)]);
    const error = await novitaFailure(http.request(listRequest));
    expect(error.userMessage).toContain("INVALID_REQUEST_BODY: maxNum must be >= minNum");
  });

  it("says to retry later on a 5xx", async () => {
    const { http } = client([json({}, 502)], { maxRetries: 0 });
    expect((await novitaFailure(http.request(listRequest))).userMessage).toBe(
      "Novita had a problem (502). Try again in a minute.",
    );
  });

  it("keeps a short plain-text error body as the upstream message", async () => {
    const { http } = client([new Response("upstream connect error", { status: 500 })]);
    expect((await novitaFailure(http.request(listRequest))).upstreamMessage).toBe("upstream connect error");
  });

  it("turns a fetch TypeError into a network error naming the host and the setting", async () => {
    const { http } = client([new TypeError("fetch failed")], { maxRetries: 0 });
    const error = await novitaFailure(http.request(listRequest));
    expect(error.kind).toBe("network");
    expect(error.userMessage).toBe(
      "Could not reach Novita at api.novita.ai: fetch failed. Check the server's network and NOVITA_API_BASE_URL.",
    );
  });

  it("gives the underlying cause of a refused connection", async () => {
    const { http } = client([connectionRefused()], { maxRetries: 0 });
    const error = await novitaFailure(http.request(listRequest));
    expect(error.message).toContain("fetch failed: connect ECONNREFUSED 127.0.0.1:8790");
    expect((error.cause as Error).message).toBe("fetch failed: connect ECONNREFUSED 127.0.0.1:8790");
  });

  it("turns a request that outlives its timeout into a timeout error", async () => {
    const { http } = client(["hang"], { maxRetries: 0, timeoutMs: 20 });
    const error = await novitaFailure(http.request(listRequest));
    expect(error).toMatchObject({ kind: "timeout", outcomeUnknown: false });
    expect(error.userMessage).toContain("did not answer list endpoints within 0");
  });

  it("lets one call override the client's timeout", async () => {
    const { http } = client(["hang"], { maxRetries: 0, timeoutMs: 60_000 });
    const error = await novitaFailure(http.request({ ...listRequest, timeoutMs: 10 }));
    expect(error.message).toBe("Novita list endpoints timed out after 10 ms (api.novita.ai)");
  });
});

describe("the API key never leaks", () => {
  const echoing: [string, ScriptedAnswer][] = [
    ["an error body", json({ code: 403, reason: "INVALID_API_KEY", message: `invalid api-key ${API_KEY}` }, 403)],
    ["a plain-text body", new Response(`Bearer ${API_KEY} rejected`, { status: 401 })],
    ["a fetch failure", new TypeError(`fetch failed for ${API_KEY}`, { cause: new Error(`bad header ${API_KEY}`) })],
    ["a reason", json({ reason: `KEY_${API_KEY}` }, 400)],
  ];

  it.each(echoing)("when Novita echoes it in %s", async (_, answer) => {
    const { http } = client([answer], { maxRetries: 0 });
    const error = await novitaFailure(http.request(runRequest));
    const texts = [
      error.message,
      error.userMessage,
      String(error),
      JSON.stringify(error),
      (error.cause as Error | undefined)?.message ?? "",
      error.stack ?? "",
    ];
    for (const text of texts) expect(text).not.toContain(API_KEY);
    expect(texts.join(" ")).toContain("sk_…WXYZ");
  });
});

describe("scrubSecret", () => {
  it("hides a real key anywhere, keeping its last 4 characters as a hint", () => {
    expect(scrubSecret(`auth=${API_KEY}&x`, API_KEY)).toBe("auth=sk_…WXYZ&x");
  });

  it("hides a short key only as a whole token, so other words survive", () => {
    expect(scrubSecret("Bearer k rejected: check the key", "k")).toBe("Bearer sk_… rejected: check the key");
    expect(scrubSecret("a+b (a+b)", "a+b")).toBe("sk_… (sk_…)");
  });
});

describe("retries", () => {
  it("repeats a GET after a 503 and returns the later answer", async () => {
    const { http, fetch, sleep } = client([json({}, 503), json({ endpoints: [] })]);
    await expect(http.request(listRequest)).resolves.toEqual({ endpoints: [] });
    expect(fetch.calls).toHaveLength(2);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0]?.[0]).toBeLessThan(4);
  });

  it("repeats a GET after network errors; a timeout is not repeated (a hang would cost the timeout each time)", async () => {
    const repeated = client([connectionRefused(), socketClosed(), json({ endpoints: [] })], { timeoutMs: 50 });
    await expect(repeated.http.request(listRequest)).resolves.toEqual({ endpoints: [] });
    expect(repeated.fetch.calls).toHaveLength(3);
    const hung = client([connectionRefused(), "hang", json({ endpoints: [] })], { timeoutMs: 10 });
    expect(await novitaFailure(hung.http.request(listRequest))).toMatchObject({ kind: "timeout" });
    expect(hung.fetch.calls).toHaveLength(2);
  });

  it("waits as long as Retry-After asks (seconds)", async () => {
    const { http, sleep } = client([json({}, 429, { "Retry-After": "2" }), json({ endpoints: [] })]);
    await http.request(listRequest);
    expect(sleep).toHaveBeenCalledExactlyOnceWith(2000);
  });

  it("gives up at once when Retry-After is longer than worth waiting, and reports it", async () => {
    const { http, fetch } = client([json({}, 429, { "Retry-After": "120" })]);
    const error = await novitaFailure(http.request(listRequest));
    expect(fetch.calls).toHaveLength(1);
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 120_000 });
    expect(error.userMessage).toContain("Wait 120 s and try again.");
  });

  it("stops after maxRetries, with backoff growing within the cap", async () => {
    const { http, fetch, sleep } = client([json({}, 504)], { maxRetries: 3 });
    expect((await novitaFailure(http.request(listRequest))).status).toBe(504);
    expect(fetch.calls).toHaveLength(4);
    const delays = sleep.mock.calls.map(([delay]) => delay);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, index) => expect(delay).toBeLessThan(Math.min(20, 4 * 2 ** index)));
  });

  it.each([500, 400, 404])("does not repeat a GET answered %i", async (status) => {
    const { http, fetch } = client([json({}, status)]);
    await novitaFailure(http.request(listRequest));
    expect(fetch.calls).toHaveLength(1);
  });

  it("never repeats a POST, even on 503", async () => {
    const { http, fetch } = client([json({}, 503), json({ id: "j" })]);
    expect((await novitaFailure(http.request(runRequest))).outcomeUnknown).toBe(false);
    expect(fetch.calls).toHaveLength(1);
  });

  it("marks a POST whose connection broke as outcome unknown", async () => {
    const { http, fetch } = client([socketClosed()]);
    const error = await novitaFailure(http.request(runRequest));
    expect(fetch.calls).toHaveLength(1);
    expect(error).toMatchObject({ kind: "network", outcomeUnknown: true });
    expect(error.userMessage).toContain("before repeating it");
  });

  it("knows a refused connection means the POST was never sent", async () => {
    const { http } = client([connectionRefused()]);
    expect((await novitaFailure(http.request(runRequest))).outcomeUnknown).toBe(false);
  });

  it("marks a POST that timed out as outcome unknown", async () => {
    const { http } = client(["hang"], { timeoutMs: 10 });
    expect(await novitaFailure(http.request(runRequest))).toMatchObject({ kind: "timeout", outcomeUnknown: true });
  });
});

describe("retry timing", () => {
  it("doubles the backoff ceiling per retry up to the cap, with full jitter below it", () => {
    const policy = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 5_000 };
    const highest = [0, 1, 2, 3, 4, 5].map((retryIndex) => backoffDelayMs(retryIndex, policy, () => 0.9999));
    expect(highest).toEqual([249, 499, 999, 1999, 3999, 4999]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it("reads seconds and HTTP dates, and ignores nonsense", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfterMs("2", now)).toBe(2000);
    expect(parseRetryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
  });
});
