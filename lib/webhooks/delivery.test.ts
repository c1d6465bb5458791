/**
 * Delivery against a real receiver on loopback (node:http) and a real PGlite ledger: the signed final status object,
 * one row per attempt, growing pauses, the deadline, redirects not followed, the guard applied again at delivery.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { wireJobStatus } from "@/lib/gateway/wire";
import { testDatabaseFor } from "@/tests/support/database";
import { WebhookDeliverer, type DelivererOptions } from "./delivery";
import { rotateSigningSecret } from "./secrets";
import { verifyWebhookSignature } from "./signature";

const CONSOLE_SECRET = "d".repeat(40);

interface Received {
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Answers each request with the next of `script` for its path (the last one repeats); "hang" never answers. */
const received: Received[] = [];
const scripts = new Map<string, (number | "hang")[]>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, body, headers: request.headers });
      const script = scripts.get(path) ?? [200];
      const next = script.length > 1 ? script.shift()! : script[0]!;
      if (next === "hang") return;
      response.writeHead(next, next === 302 ? { location: `${base}/elsewhere` } : {}).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("webhook delivery", () => {
  const handle = testDatabaseFor("pglite");
  let secret = "";

  beforeAll(async () => {
    const db = handle.database().db;
    await db.insert(schema.users).values({ id: "ANA", name: "Ana", email: "ana@example.com" });
    ({ secret } = await rotateSigningSecret(db, CONSOLE_SECRET, "ANA"));
  });

  const deliverer = (options: Partial<DelivererOptions> = {}) =>
    new WebhookDeliverer({
      db: handle.database().db,
      consoleSecret: () => CONSOLE_SECRET,
      policy: () => ({ allowLoopback: true }),
      pausesMs: [40, 80, 160],
      ...options,
    });

  async function finishedJob(path: string | null, status = "COMPLETED") {
    const [job] = await handle
      .database()
      .db.insert(schema.jobs)
      .values({
        id: randomUUID(),
        novitaJobId: randomUUID(),
        endpointId: "ep",
        routeName: "ep",
        status,
        finished: true,
        input: { prompt: "x" },
        output: { images: ["https://cdn.example.com/a.png"] },
        delayTimeMs: 12,
        executionTimeMs: 340,
        submittedBy: "ANA",
        ...(path === null ? {} : { webhookUrl: `${base}${path}`, webhookOwner: "ANA", webhookState: "pending" }),
      })
      .returning();
    return job!;
  }

  /** Ticks until the job's delivery is settled (or `limitMs` passes). */
  async function runUntilSettled(run: WebhookDeliverer, jobId: string, limitMs = 5_000) {
    const until = Date.now() + limitMs;
    for (;;) {
      await run.tick();
      const [job] = await handle.database().db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
      if (job!.webhookState !== "pending" || Date.now() > until) return job!;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const attemptsOf = (jobId: string) =>
    handle
      .database()
      .db.select()
      .from(schema.webhookAttempts)
      .where(eq(schema.webhookAttempts.jobId, jobId))
      .orderBy(asc(schema.webhookAttempts.attempt));

  it("POSTs the signed final status object once and records one attempt on a 2xx", async () => {
    const job = await finishedJob("/ok");
    const settled = await runUntilSettled(deliverer(), job.id);
    expect(settled).toMatchObject({ webhookState: "delivered", webhookNextAt: null });
    const calls = received.filter((call) => call.path === "/ok");
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body)).toEqual(wireJobStatus(job));
    expect(calls[0]!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "novita-console-webhooks",
      "webhook-id": job.id,
    });
    expect(verifyWebhookSignature(secret, { body: calls[0]!.body, headers: calls[0]!.headers })).toBe(true);
    const attempts = await attemptsOf(job.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, statusCode: 200, error: null });
  });

  it("retries after 500, 500 with growing pauses and the same webhook-id, then is delivered", async () => {
    scripts.set("/flaky", [500, 500, 200]);
    const job = await finishedJob("/flaky", "FAILED");
    const settled = await runUntilSettled(deliverer(), job.id);
    expect(settled.webhookState).toBe("delivered");
    const attempts = await attemptsOf(job.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(attempts[0]!.error).toMatch(/HTTP 500/);
    const gaps = attempts
      .slice(1)
      .map((attempt, index) => attempt.attemptedAt.getTime() - attempts[index]!.attemptedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[1]).toBeGreaterThanOrEqual(80);
    const calls = received.filter((call) => call.path === "/flaky");
    expect(new Set(calls.map((call) => call.headers["webhook-id"]))).toEqual(new Set([job.id]));
  });

  it("gives up after the first try and 3 retries when the receiver always fails", async () => {
    scripts.set("/down", [500]);
    const job = await finishedJob("/down", "CANCELLED");
    const settled = await runUntilSettled(deliverer(), job.id);
    expect(settled).toMatchObject({ webhookState: "failed", webhookNextAt: null });
    expect(await attemptsOf(job.id)).toHaveLength(4);
    await deliverer().tick();
    expect(await attemptsOf(job.id)).toHaveLength(4);
  });

  it("counts a receiver that does not answer within the deadline as a failed attempt", async () => {
    scripts.set("/slow", ["hang"]);
    const job = await finishedJob("/slow", "TIMED_OUT");
    const settled = await runUntilSettled(deliverer({ timeoutMs: 150, pausesMs: [] }), job.id);
    expect(settled.webhookState).toBe("failed");
    const [attempt] = await attemptsOf(job.id);
    expect(attempt).toMatchObject({ attempt: 1, statusCode: null, error: "no answer within 0.15 s" });
    expect(attempt!.durationMs).toBeGreaterThanOrEqual(140);
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    scripts.set("/moved", [302]);
    const job = await finishedJob("/moved");
    await runUntilSettled(deliverer({ pausesMs: [] }), job.id);
    const [attempt] = await attemptsOf(job.id);
    expect(attempt).toMatchObject({ statusCode: 302, error: expect.stringMatching(/redirect/) });
    expect(received.filter((call) => call.path === "/elsewhere")).toHaveLength(0);
  });

  it("applies the address guard again at delivery: loopback outside local mode is refused, nothing sent", async () => {
    const job = await finishedJob("/guarded");
    await runUntilSettled(deliverer({ policy: () => ({ allowLoopback: false }), pausesMs: [] }), job.id);
    const [attempt] = await attemptsOf(job.id);
    expect(attempt).toMatchObject({ statusCode: null, error: expect.stringMatching(/a loopback address/) });
    expect(received.filter((call) => call.path === "/guarded")).toHaveLength(0);
  });

  it("sends nothing for a job without a webhook, or before the job is final", async () => {
    const plain = await finishedJob(null);
    const running = await finishedJob("/early", "IN_PROGRESS");
    await handle.database().db.update(schema.jobs).set({ finished: false }).where(eq(schema.jobs.id, running.id));
    await deliverer().tick();
    expect(await attemptsOf(plain.id)).toHaveLength(0);
    expect(await attemptsOf(running.id)).toHaveLength(0);
    expect(received.filter((call) => call.path === "/early")).toHaveLength(0);
    // Once it is final, it is delivered: the early ticks left it pending.
    await handle
      .database()
      .db.update(schema.jobs)
      .set({ status: "COMPLETED", finished: true })
      .where(eq(schema.jobs.id, running.id));
    expect((await runUntilSettled(deliverer(), running.id)).webhookState).toBe("delivered");
    expect(received.filter((call) => call.path === "/early")).toHaveLength(1);
  });

  it("skips a job that ended without a final status (outcome unknown)", async () => {
    const job = await finishedJob("/unknown", "UNKNOWN");
    const settled = await runUntilSettled(deliverer(), job.id);
    expect(settled.webhookState).toBe("skipped");
    expect(received.filter((call) => call.path === "/unknown")).toHaveLength(0);
  });
});
