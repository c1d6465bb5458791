/**
 * Issue 16 item 7: what proxy.ts refuses before Next decodes a server action or a path (Next answers those with 500), and
 * what it lets through — every body the console's own client sends, React's `encodeReply` being the encoder.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { checkActionBody, checkActionOrigin, MAX_ACTION_DEPTH, originAllowed } from "./action-request";
import { checkPathEncoding } from "./path-encoding";

/** React's reply encoder as Next ships it (the one the browser runs; the edge build needs no DOM). */
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.edge") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

const post = (headers: Record<string, string>) =>
  new Request("http://console.example/jobs/new", { method: "POST", headers: { "next-action": "7f00", ...headers } });

describe("the origin of a server action", () => {
  it("is let through when it is the host the request was sent to, an allowed one, or absent", () => {
    expect(checkActionOrigin(post({ origin: "http://console.example", host: "console.example" }), [])).toBeUndefined();
    expect(
      checkActionOrigin(post({ origin: "https://public.example", host: "10.0.0.2:3000" }), ["public.example"]),
    ).toBeUndefined();
    expect(checkActionOrigin(post({ host: "console.example" }), [])).toBeUndefined();
    expect(checkActionOrigin(post({ origin: "http://a.b.example" }), ["**.example"])).toBeUndefined();
  });

  it("is refused with 403 from another site, an opaque origin or a garbled one", () => {
    for (const origin of ["https://evil.example", "null", "not a url", "http://console.example.evil.example"]) {
      const refusal = checkActionOrigin(post({ origin, host: "console.example" }), ["*.other.example"]);
      expect(refusal?.code, origin).toBe("forbidden");
    }
    expect(originAllowed("a.b.other.example", ["*.other.example"])).toBe(false);
    expect(originAllowed("b.other.example", ["*.other.example"])).toBe(true);
  });
});

describe("the body of a server action", () => {
  it("lets through what React encodes for the console's plain arguments", async () => {
    const shared = { a: 1 };
    const values = [
      { email: "ada@example.com", password: "$ecret$", next: undefined },
      { workflowId: "wf", values: { seed: Number.NaN, steps: Infinity, cfg: -0 }, graph: { $x: { "1": ["$$"] } } },
      { when: new Date(0), big: 12n, twice: [shared, shared], deep: JSON.parse("[".repeat(50) + "]".repeat(50)) },
      {},
    ];
    for (const value of values) {
      const body = await encodeReply([value]);
      expect(typeof body, String(body)).toBe("string");
      expect(checkActionBody("text/plain;charset=UTF-8", body as string), String(body)).toBeUndefined();
    }
    expect(checkActionBody("text/plain", "[]")).toBeUndefined();
  });

  it("refuses with 400 what React's decoder cannot read", () => {
    const bodies = [
      "",
      "{",
      "nul",
      '"x"',
      "{}",
      "1",
      JSON.stringify(Array.from({ length: 1_001 }, () => 0)),
      "[".repeat(MAX_ACTION_DEPTH + 2) + "]".repeat(MAX_ACTION_DEPTH + 2),
      '["$@0"]',
      '["$Q1"]',
      '["$K1"]',
      '["$T"]',
      '["$h0"]',
      '["$F1"]',
      '["${7*7}"]',
      '["$"]',
      '["$nabc"]',
      '["$1:a"]',
      '[{"a":"$0:b"}]',
      '[{"a":"$0:__proto__"}]',
    ];
    for (const body of bodies) expect(checkActionBody("text/plain", body)?.code, body).toBe("invalid");
    expect(checkActionBody("multipart/form-data; boundary=x", '["x"]')?.code).toBe("invalid");
  });
});

describe("the path of any request", () => {
  it("is refused with 400 when Next could not decode it or it holds a NUL", () => {
    for (const path of [
      "/api/jobs/%ff",
      "/jobs/%",
      "/api/v1/jobs/a%E0%A4%A/cancel",
      "/api/novita/v1/%00/health",
      "/jobs/%00",
    ]) {
      expect(checkPathEncoding(path)?.code, path).toBe("invalid");
    }
    // A NUL in the console's own API routes is theirs to refuse: they name the parameter (`fields.id`).
    for (const path of [
      "/",
      "/api/jobs/%2e%2e%2f",
      "/jobs/%C3%BC",
      "/api/v1/jobs/1'%20OR%20'1'%3D'1",
      "/api/jobs/%00",
    ]) {
      expect(checkPathEncoding(path), path).toBeUndefined();
    }
  });
});
