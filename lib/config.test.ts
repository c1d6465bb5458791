import path from "node:path";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, readOrCreateSecretFile } from "./config";
import { serverActionOrigins } from "./security/headers";

function problemOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("expected a ConfigError");
}

const PUBLIC_URL_PROBLEM =
  "Invalid configuration: PUBLIC_URL must be the address browsers open the console at, " +
  "http(s) without a path, e.g. https://console.example.com";

describe("parseConfig", () => {
  it("gives every variable of DESIGN.md §4 its default, in local mode", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      mode: "local",
      novitaApiKey: undefined,
      novitaApiBaseUrl: "https://api.novita.ai/gpu-instance/openapi/v1",
      novitaJobsBaseUrl: "https://async-public.serverless.novita.ai/v1",
      databaseUrl: undefined,
      dataDir: path.resolve("./data"),
      consoleSecret: undefined,
      port: 3000,
      bootstrapAdmin: undefined,
      sandboxPort: 8790,
      sandboxApiKey: undefined,
      comfyuiUrl: undefined,
      outputFetchHosts: [],
      trustedProxyHops: 0,
      webhookRetryPausesMs: [10_000, 60_000, 300_000],
    });
    expect(parseConfig({ TRUSTED_PROXY_HOPS: "1" }).trustedProxyHops).toBe(1);
    expect(parseConfig({ WEBHOOK_RETRY_PAUSES_MS: "200, 400,800" }).webhookRetryPausesMs).toEqual([200, 400, 800]);
    expect(() => parseConfig({ WEBHOOK_RETRY_PAUSES_MS: "1s,2s" })).toThrow(/WEBHOOK_RETRY_PAUSES_MS must be/);
  });

  it("reads set values, treating empty strings as unset", () => {
    const config = parseConfig({
      NOVITA_API_KEY: "sk_live_123",
      NOVITA_API_BASE_URL: "https://proxy.example.com/novita/",
      DATABASE_URL: "postgresql://u:p@db:5432/console",
      PORT: "8080",
      SANDBOX_PORT: "",
      ADMIN_EMAIL: "ops@example.com",
      ADMIN_PASSWORD: "long enough pass",
      COMFYUI_URL: "http://127.0.0.1:8188",
      OUTPUT_FETCH_HOSTS: " Bucket.example.com, cdn.example.com:9000 ,",
    });
    expect(config.mode).toBe("novita");
    expect(config.novitaApiBaseUrl).toBe("https://proxy.example.com/novita");
    expect(config.port).toBe(8080);
    expect(config.sandboxPort).toBe(8790);
    expect(config.bootstrapAdmin).toEqual({ email: "ops@example.com", password: "long enough pass" });
    expect(config.outputFetchHosts).toEqual(["bucket.example.com", "cdn.example.com:9000"]);
  });

  it.each([
    [{ PORT: "abc" }, "Invalid configuration: PORT must be a whole number from 1 to 65535"],
    [{ PORT: "70000" }, "Invalid configuration: PORT must be a whole number from 1 to 65535"],
    [{ SANDBOX_PORT: "1.5" }, "Invalid configuration: SANDBOX_PORT must be a whole number from 1 to 65535"],
    [
      { NOVITA_JOBS_BASE_URL: "async-public.serverless.novita.ai" },
      "Invalid configuration: NOVITA_JOBS_BASE_URL must be an http(s) URL, e.g. https://example.com/path",
    ],
    [
      { DATABASE_URL: "mysql://db/x" },
      "Invalid configuration: DATABASE_URL must be a Postgres URL like postgres://user:password@host:5432/database",
    ],
    [
      { CONSOLE_SECRET: "short" },
      "Invalid configuration: CONSOLE_SECRET must be at least 32 characters (try: openssl rand -hex 32)",
    ],
    [{ ADMIN_EMAIL: "ops@example.com" }, "Invalid configuration: ADMIN_PASSWORD must be set together with ADMIN_EMAIL"],
    [
      { ADMIN_PASSWORD: "long enough pass" },
      "Invalid configuration: ADMIN_EMAIL must be set together with ADMIN_PASSWORD",
    ],
    [
      { ADMIN_EMAIL: "ops", ADMIN_PASSWORD: "long enough pass" },
      "Invalid configuration: ADMIN_EMAIL must be an email address",
    ],
    [{ TRUSTED_PROXY_HOPS: "yes" }, "Invalid configuration: TRUSTED_PROXY_HOPS must be a whole number from 0 to 10"],
    [{ PUBLIC_URL: "console.example.com" }, PUBLIC_URL_PROBLEM],
    [{ PUBLIC_URL: "https://console.example.com/app" }, PUBLIC_URL_PROBLEM],
    [{ PUBLIC_URL: "ftp://console.example.com" }, PUBLIC_URL_PROBLEM],
    [
      { OUTPUT_FETCH_HOSTS: "https://bucket.example.com/" },
      "Invalid configuration: OUTPUT_FETCH_HOSTS must be a comma-separated list of host names, " +
        "e.g. bucket.example.com,cdn.example.com",
    ],
  ])("refuses %j with one line naming the variable", (env, message) => {
    const text = problemOf(env);
    expect(text).toBe(message);
    expect(text).not.toContain("\n");
  });

  it("never echoes a secret value in its message", () => {
    const text = problemOf({ CONSOLE_SECRET: "hunter2-is-my-secret", ADMIN_EMAIL: "a@b.co", ADMIN_PASSWORD: "short" });
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("short;");
    expect(text).toContain("CONSOLE_SECRET");
    expect(text).toContain("ADMIN_PASSWORD must be at least 10 characters");
  });
});

describe("readOrCreateSecretFile", () => {
  it("creates an owner-only secret once and returns the same one afterwards", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "config-test-")), "nested");
    const first = readOrCreateSecretFile(dir, "console-secret");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readOrCreateSecretFile(dir, "console-secret")).toBe(first);
    expect(readFileSync(path.join(dir, "console-secret"), "utf8").trim()).toBe(first);
    expect(statSync(path.join(dir, "console-secret")).mode & 0o777).toBe(0o600);
  });
});

describe("PUBLIC_URL", () => {
  it("is unset by default and kept as an origin (scheme, host, port) when set", () => {
    expect(parseConfig({}).publicUrl).toBeUndefined();
    expect(parseConfig({ PUBLIC_URL: "" }).publicUrl).toBeUndefined();
    expect(parseConfig({ PUBLIC_URL: " HTTPS://Console.Example.com/ " }).publicUrl).toBe("https://console.example.com");
    expect(parseConfig({ PUBLIC_URL: "https://console.example.com:443" }).publicUrl).toBe(
      "https://console.example.com",
    );
    expect(parseConfig({ PUBLIC_URL: "http://10.0.0.5:3000" }).publicUrl).toBe("http://10.0.0.5:3000");
  });

  it("its host counts as an allowed origin for server actions, next to ALLOWED_ORIGINS", () => {
    expect(serverActionOrigins({ PUBLIC_URL: "https://console.example.com" })).toEqual(["console.example.com"]);
    expect(
      serverActionOrigins({ PUBLIC_URL: "https://console.example.com:8443/", ALLOWED_ORIGINS: "proxy.internal" }),
    ).toEqual(["proxy.internal", "console.example.com:8443"]);
    expect(
      serverActionOrigins({ PUBLIC_URL: "https://console.example.com", ALLOWED_ORIGINS: "console.example.com" }),
    ).toEqual(["console.example.com"]);
    expect(serverActionOrigins({ PUBLIC_URL: "not a url" })).toEqual([]);
    expect(serverActionOrigins({})).toEqual([]);
  });
});

describe("ALLOWED_ORIGINS", () => {
  it("reads hosts as browsers send them, with or without a scheme", () => {
    expect(
      parseConfig({ ALLOWED_ORIGINS: "https://console.example.com/, proxy.internal:8443" }).allowedOrigins,
    ).toEqual(["console.example.com", "proxy.internal:8443"]);
    expect(parseConfig({}).allowedOrigins).toEqual([]);
  });

  it("names the variable when a value is not a host", () => {
    expect(() => parseConfig({ ALLOWED_ORIGINS: "not a host" })).toThrow(
      /ALLOWED_ORIGINS must be a comma-separated list of hosts/,
    );
  });
});
