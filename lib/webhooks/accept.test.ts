import { describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { testDatabaseFor } from "@/tests/support/database";
import { acceptWebhook, type WebhookPolicy } from "./accept";
import { rotateSigningSecret } from "./secrets";

const CONSOLE_SECRET = "c".repeat(40);
const remote: WebhookPolicy = { allowLoopback: false, resolve: async () => [{ address: "93.184.216.34", family: 4 }] };
const local: WebhookPolicy = { ...remote, allowLoopback: true };

describe("accepting a run's webhook", () => {
  const handle = testDatabaseFor("pglite");
  const withSecret = async () => {
    const db = handle.database().db;
    await db.insert(schema.users).values({ id: "ANA", name: "Ana", email: "ana@example.com" }).onConflictDoNothing();
    await rotateSigningSecret(db, CONSOLE_SECRET, "ANA");
    return db;
  };

  it("refuses loopback, private and link-local hosts outside local mode, naming the address", async () => {
    const db = await withSecret();
    for (const [url, why] of [
      ["http://127.0.0.1:9000/hook", /127\.0\.0\.1:9000: a loopback address/],
      ["http://10.1.2.3/hook", /10\.1\.2\.3:80: a private address/],
      ["http://169.254.169.254/latest/meta-data", /169\.254\.169\.254:80: a private address/],
      ["http://[::1]:8080/hook", /\[::1\]:8080: a loopback address/],
      ["https://192.168.1.10/hook", /a private address/],
    ] as const) {
      const refused = acceptWebhook(db, url, "ANA", remote);
      await expect(refused).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(why) });
      await expect(refused).rejects.toMatchObject({ fields: { webhook: expect.stringMatching(/outside local mode/) } });
    }
  });

  it("refuses a name that resolves to a private address", async () => {
    const db = await withSecret();
    const rebinding: WebhookPolicy = {
      allowLoopback: false,
      resolve: async () => [{ address: "10.0.0.5", family: 4 }],
    };
    await expect(acceptWebhook(db, "https://hooks.example.com/x", "ANA", rebinding)).rejects.toThrow(
      /hooks\.example\.com:443: it resolves to 10\.0\.0\.5, a private address/,
    );
  });

  it("allows loopback on any port in local mode, but still no private address", async () => {
    const db = await withSecret();
    for (const url of ["http://127.0.0.1:45678/hook", "http://[::1]:9/x", "http://localhost:3999/"]) {
      const loopbackDns: WebhookPolicy = { ...local, resolve: async () => [{ address: "127.0.0.1", family: 4 }] };
      await expect(acceptWebhook(db, url, "ANA", loopbackDns)).resolves.toMatchObject({ ownerId: "ANA" });
    }
    await expect(acceptWebhook(db, "http://10.0.0.1/hook", "ANA", local)).rejects.toThrow(/a private address/);
  });

  it("accepts a public https URL and gives it back normalised with its owner", async () => {
    const db = await withSecret();
    await expect(acceptWebhook(db, " https://Hooks.Example.com/novita?x=1 ", "ANA", remote)).resolves.toEqual({
      url: "https://hooks.example.com/novita?x=1",
      ownerId: "ANA",
    });
  });

  it("refuses what is not an absolute http(s) URL, too long, or with credentials", async () => {
    const db = await withSecret();
    const cases: [string, RegExp][] = [
      ["/relative/hook", /absolute http\(s\) URL/],
      ["ftp://example.com/hook", /http\(s\) URL, not ftp:/],
      [`https://example.com/${"a".repeat(2048)}`, /at most 2048/],
      ["https://user:pass@example.com/hook", /credentials/],
    ];
    for (const [url, message] of cases)
      await expect(acceptWebhook(db, url, "ANA", remote)).rejects.toMatchObject({ code: "invalid", message });
  });

  it("needs the caller's signing secret", async () => {
    const db = handle.database().db;
    await db.insert(schema.users).values({ id: "BEN", name: "Ben", email: "ben@example.com" });
    await expect(acceptWebhook(db, "https://example.com/hook", "BEN", remote)).rejects.toMatchObject({
      code: "invalid",
      message: "Create a webhook signing secret first (Settings → API tokens).",
    });
  });
});
