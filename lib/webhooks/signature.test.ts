import { describe, expect, it } from "vitest";
import { generateSigningSecret, signWebhook, verifyWebhookSignature, webhookHeaders } from "./signature";

describe("webhook signatures (Standard Webhooks)", () => {
  it("matches the Standard Webhooks reference vector", () => {
    // From the Standard Webhooks specification's libraries: the same secret, id, timestamp and payload.
    const signature = signWebhook(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("makes whsec_ secrets of 32 random bytes", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it("verifies what it signed, and refuses a tampered body, another secret, another id or an old timestamp", () => {
    const secret = generateSigningSecret();
    const body = JSON.stringify({ id: "job-1", status: "COMPLETED", output: { url: "https://x/y.png" } });
    const now = new Date("2026-01-03T10:00:00Z");
    const headers = webhookHeaders(secret, "job-1", body, now);
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "novita-console-webhooks",
      "webhook-id": "job-1",
      "webhook-timestamp": String(now.getTime() / 1000),
    });
    expect(verifyWebhookSignature(secret, { body, headers }, { now })).toBe(true);
    expect(verifyWebhookSignature(secret, { body, headers: new Headers(headers) }, { now })).toBe(true);
    expect(verifyWebhookSignature(secret, { body: body.replace("COMPLETED", "FAILED"), headers }, { now })).toBe(false);
    expect(verifyWebhookSignature(generateSigningSecret(), { body, headers }, { now })).toBe(false);
    expect(verifyWebhookSignature(secret, { body, headers: { ...headers, "webhook-id": "job-2" } }, { now })).toBe(
      false,
    );
    const later = new Date(now.getTime() + 6 * 60_000);
    expect(verifyWebhookSignature(secret, { body, headers }, { now: later })).toBe(false);
  });

  it("accepts a header holding several signatures when one matches", () => {
    const secret = generateSigningSecret();
    const now = new Date();
    const headers = webhookHeaders(secret, "job-1", "{}", now);
    const several = { ...headers, "webhook-signature": `v1,bm90IGl0 ${headers["webhook-signature"]}` };
    expect(verifyWebhookSignature(secret, { body: "{}", headers: several }, { now })).toBe(true);
  });
});
