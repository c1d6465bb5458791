/**
 * Issue 12, finding 4 (the server-action half): a server-action request whose declared body is over the limit is
 * answered 413 by proxy.ts before Next reads a byte (Next 16 itself answers 500 for it, signed in or not), and
 * the limit still lets through the largest job the console sends (Novita's 4 MiB, images inside) with room.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";
import { MAX_JOB_REQUEST_BYTES } from "@/lib/jobs/status";
import { SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/security/action-body";

const MIB = 1024 * 1024;

function actionPost(
  bytes: number | undefined,
  extra: Record<string, string> = {},
  body = '[{"prompt":"x"}]',
): NextRequest {
  const headers: Record<string, string> = {
    "next-action": "7f00aa",
    "content-type": "text/plain;charset=UTF-8",
    origin: "http://localhost",
    ...extra,
  };
  if (bytes !== undefined) headers["content-length"] = String(bytes);
  return new NextRequest("http://localhost/jobs/new", { method: "POST", headers, body });
}

describe("the server-action body limit", () => {
  it("is the one next.config.ts gives Next, and leaves room for a 4 MiB job and its encoding", () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(SERVER_ACTION_BODY_LIMIT);
    expect(SERVER_ACTION_BODY_LIMIT).toBe("6mb");
    expect(SERVER_ACTION_BODY_LIMIT_BYTES).toBe(6 * MIB);
    // The send action's arguments for the largest job Novita takes: a bit over the job itself.
    const input = { prompt: "x".repeat(MAX_JOB_REQUEST_BYTES - 64) };
    const body = JSON.stringify([{ endpointId: "ep-1", input, copies: 1 }]);
    expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_JOB_REQUEST_BYTES - 64);
    expect(Buffer.byteLength(body)).toBeLessThan(SERVER_ACTION_BODY_LIMIT_BYTES - MIB);
  });

  it("answers 413 for an action whose declared body is over the limit, before anything reads it", async () => {
    for (const bytes of [SERVER_ACTION_BODY_LIMIT_BYTES + 1, 7 * MIB, 1024 * MIB]) {
      const response = await proxy(actionPost(bytes));
      expect(response.status, `${bytes} bytes`).toBe(413);
      expect(response.headers.get("x-middleware-next")).toBeNull();
    }
  });

  it("lets an action at or under the limit, one without a declared length and every other request through", async () => {
    for (const request of [
      actionPost(SERVER_ACTION_BODY_LIMIT_BYTES),
      actionPost(4 * MIB + 200_000),
      actionPost(120),
      actionPost(undefined),
      new NextRequest("http://localhost/jobs", { method: "GET" }),
      new NextRequest("http://localhost/login", { method: "POST", headers: { "content-length": String(7 * MIB) } }),
    ]) {
      const response = await proxy(request);
      expect(response.status, `${request.method} ${request.headers.get("content-length")}`).toBe(200);
      expect(response.headers.get("x-middleware-next")).toBe("1");
    }
  });
});
