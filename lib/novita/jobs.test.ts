import { describe, expect, it } from "vitest";

import { createNovitaClient } from "./client";
import { fakeFetch, json, socketClosed, type ScriptedAnswer } from "./fake-fetch";
import { MAX_JOB_REQUEST_BYTES } from "./jobs";
import { novitaFailure } from "@/tests/support/novita-failure";

const JOBS = "https://async-public.serverless.novita.ai/v1";

function gateway(script: ScriptedAnswer[], timeoutMs?: number) {
  const fetch = fakeFetch(...script);
  const client = createNovitaClient({
    apiBaseUrl: "https://api.novita.ai/gpu-instance/openapi/v1",
    jobsBaseUrl: JOBS,
    apiKey: "sk_test_key_123456",
    fetch,
    timeoutMs,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    sleep: async () => {},
  });
  return { jobs: client.jobs, fetch };
}

const healthBody = {
  workers: { idle: 0, running: 1, throttled: 0, total: 1 },
  jobs: { completed: 3, failed: 0, inProgress: 1, inQueue: 2, retried: 0 },
};

describe("run", () => {
  it("posts `{input}` to /{route}/run and returns the pending job", async () => {
    const { jobs, fetch } = gateway([json({ id: "8cb6a77c-62aa-4eb4-9226-1ca5724fd9dd", status: "PENDING" })]);
    const job = await jobs.run("o8UJWkag5WTn-async", { workflow: { "9": {} }, output_node_id: "9" });
    expect(job).toMatchObject({ id: "8cb6a77c-62aa-4eb4-9226-1ca5724fd9dd", status: "PENDING", finished: false });
    expect(fetch.calls[0]).toMatchObject({
      url: `${JOBS}/o8UJWkag5WTn-async/run`,
      method: "POST",
      body: '{"input":{"workflow":{"9":{}},"output_node_id":"9"}}',
    });
  });

  it("URL-encodes the route name", async () => {
    const { jobs, fetch } = gateway([json({ id: "j", status: "IN_QUEUE" })]);
    await jobs.run("a/b c", {});
    expect(fetch.calls[0]?.url).toBe(`${JOBS}/a%2Fb%20c/run`);
  });

  it("refuses a body over 4 MiB without calling Novita", async () => {
    const { jobs, fetch } = gateway([json({ id: "j", status: "PENDING" })]);
    const overhead = JSON.stringify({ input: "" }).length;
    const error = await novitaFailure(jobs.run("ep", "x".repeat(MAX_JOB_REQUEST_BYTES - overhead + 1)));
    expect(error).toMatchObject({ kind: "too_large", outcomeUnknown: false });
    expect(error.userMessage).toMatch(/^The job is over Novita's 4 MiB limit \(it is 4\.1 MiB\)/);
    expect(fetch.calls).toHaveLength(0);
  });

  it("sends a body of exactly 4 MiB, counting bytes rather than characters", async () => {
    const { jobs, fetch } = gateway([json({ id: "j", status: "PENDING" })]);
    const overhead = JSON.stringify({ input: "" }).length;
    await jobs.run("ep", "x".repeat(MAX_JOB_REQUEST_BYTES - overhead));
    expect(fetch.calls).toHaveLength(1);
    const multiByte = "é".repeat((MAX_JOB_REQUEST_BYTES - overhead) / 2 + 1);
    expect((await novitaFailure(jobs.run("ep", multiByte))).kind).toBe("too_large");
  });

  it("is not repeated on 503", async () => {
    const { jobs, fetch } = gateway([json({}, 503), json({ id: "j", status: "PENDING" })]);
    expect((await novitaFailure(jobs.run("ep", {}))).kind).toBe("upstream");
    expect(fetch.calls).toHaveLength(1);
  });

  it("is not repeated on a network error, which leaves the outcome unknown", async () => {
    const { jobs, fetch } = gateway([socketClosed(), json({ id: "j", status: "PENDING" })]);
    expect(await novitaFailure(jobs.run("ep", {}))).toMatchObject({
      kind: "network",
      outcomeUnknown: true,
      operation: "run job",
    });
    expect(fetch.calls).toHaveLength(1);
  });

  it("leaves the outcome unknown after a timeout", async () => {
    const { jobs, fetch } = gateway(["hang"], 10);
    expect(await novitaFailure(jobs.run("ep", {}))).toMatchObject({ kind: "timeout", outcomeUnknown: true });
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("status and cancel", () => {
  it("reads a job with an unknown status as unfinished", async () => {
    const { jobs, fetch } = gateway([json({ id: "j/1", status: "THINKING", delayTime: 5 })]);
    const job = await jobs.status("ep", "j/1");
    expect(job).toMatchObject({ status: "THINKING", finished: false, delayTimeMs: 5 });
    expect(fetch.calls[0]).toMatchObject({ url: `${JOBS}/ep/status/j%2F1`, method: "GET" });
  });

  it("reports an expired or unknown job as not_found", async () => {
    const { jobs, fetch } = gateway([json({ error: "job not found" }, 404)]);
    expect(await novitaFailure(jobs.status("ep", "gone"))).toMatchObject({
      kind: "not_found",
      upstreamMessage: "job not found",
    });
    expect(fetch.calls).toHaveLength(1);
  });

  it("repeats a status read after a 502", async () => {
    const { jobs, fetch } = gateway([json({}, 502), json({ id: "j", status: "COMPLETED", output: { images: [] } })]);
    expect(await jobs.status("ep", "j")).toMatchObject({ finished: true, output: { images: [] } });
    expect(fetch.calls).toHaveLength(2);
  });

  it("cancels with POST and accepts any answer", async () => {
    const { jobs, fetch } = gateway([json({ id: "j", status: "CANCELLED" })]);
    await jobs.cancel("ep", "j");
    expect(fetch.calls[0]).toMatchObject({ url: `${JOBS}/ep/cancel/j`, method: "POST" });
  });

  it("does not repeat a cancel on 503", async () => {
    const { jobs, fetch } = gateway([json({}, 503)]);
    await novitaFailure(jobs.cancel("ep", "j"));
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("health", () => {
  it("reads /health", async () => {
    const { jobs, fetch } = gateway([json(healthBody)]);
    expect(await jobs.health("ep")).toEqual({ ...healthBody, source: "health" });
    expect(fetch.calls.map((call) => call.url)).toEqual([`${JOBS}/ep/health`]);
  });

  it("falls back to the older /stats when /health answers 404", async () => {
    const { jobs, fetch } = gateway([
      json({}, 404),
      json({ busy_workers: 1, endpoint: "ep", in_progress: 1, pending: 2, total_workers: 2 }),
    ]);
    expect(await jobs.health("ep")).toEqual({
      workers: { idle: 1, running: 1, throttled: 0, total: 2 },
      jobs: { completed: 0, failed: 0, inProgress: 1, inQueue: 2, retried: 0 },
      source: "stats",
    });
    expect(fetch.calls.map((call) => call.url)).toEqual([`${JOBS}/ep/health`, `${JOBS}/ep/stats`]);
  });

  it("does not fall back on other errors", async () => {
    const { jobs, fetch } = gateway([json({ reason: "INVALID_API_KEY" }, 403)]);
    expect((await novitaFailure(jobs.health("ep"))).kind).toBe("auth");
    expect(fetch.calls).toHaveLength(1);
  });
});
