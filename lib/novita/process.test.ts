import { afterEach, describe, expect, it, vi } from "vitest";

import { parseConfig, type Config } from "@/lib/config";
import { forgetProcessSingleton } from "@/lib/utils/process-singleton";

import { fakeFetch, json } from "./fake-fetch";

let config: Config = parseConfig({});
vi.mock("@/lib/config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/config")>()),
  getConfig: () => config,
}));

const { connectionMode, getNovitaClient } = await import("./process");

const { switchStoredKey } = await import("@/lib/connection");

afterEach(() => {
  forgetProcessSingleton("novita-client");
  switchStoredKey(null);
  vi.unstubAllGlobals();
});

describe("getNovitaClient", () => {
  it("points at the sandbox with the sandbox key in local mode", async () => {
    config = parseConfig({ SANDBOX_PORT: "9911", SANDBOX_API_KEY: "sandbox-secret-key" });
    const fetch = fakeFetch(
      json({ endpoints: [], total: 0 }),
      json({
        workers: { idle: 0, running: 0 },
        jobs: { completed: 0, failed: 0, inProgress: 0, inQueue: 0, retried: 0 },
      }),
    );
    vi.stubGlobal("fetch", fetch);
    expect(connectionMode()).toBe("local");
    await getNovitaClient().management.listEndpoints();
    await getNovitaClient().jobs.health("ep");
    expect(fetch.calls.map((call) => call.url)).toEqual([
      "http://127.0.0.1:9911/gpu-instance/openapi/v1/endpoints?pageSize=100&pageNum=0",
      "http://127.0.0.1:9911/v1/ep/health",
    ]);
    expect(fetch.calls[0]?.headers.authorization).toBe("Bearer sandbox-secret-key");
  });

  it("points at Novita with NOVITA_API_KEY, and keeps one client per process", async () => {
    config = parseConfig({ NOVITA_API_KEY: "sk_real_key_0001" });
    const fetch = fakeFetch(json({ endpoints: [], total: 0 }));
    vi.stubGlobal("fetch", fetch);
    expect(connectionMode()).toBe("novita");
    expect(getNovitaClient()).toBe(getNovitaClient());
    await getNovitaClient().management.listEndpoints();
    expect(fetch.calls[0]?.url).toBe("https://api.novita.ai/gpu-instance/openapi/v1/endpoints?pageSize=100&pageNum=0");
    expect(fetch.calls[0]?.headers.authorization).toBe("Bearer sk_real_key_0001");
  });

  it("prefers a key stored in Settings to the sandbox, switches without a restart; NOVITA_API_KEY wins", async () => {
    config = parseConfig({
      SANDBOX_PORT: "9912",
      SANDBOX_API_KEY: "sandbox-secret-key",
      NOVITA_API_BASE_URL: "http://127.0.0.1:9913/gpu-instance/openapi/v1",
    });
    const fetch = fakeFetch(
      json({ endpoints: [], total: 0 }),
      json({ endpoints: [], total: 0 }),
      json({ endpoints: [], total: 0 }),
    );
    vi.stubGlobal("fetch", fetch);
    const sandboxClient = getNovitaClient();
    switchStoredKey({ apiKey: "sk_stored_key_000000000001", fingerprint: "sk_…0001" });
    expect(connectionMode()).toBe("novita");
    expect(getNovitaClient()).not.toBe(sandboxClient);
    await getNovitaClient().management.listEndpoints();
    switchStoredKey(null);
    expect(connectionMode()).toBe("local");
    await getNovitaClient().management.listEndpoints();
    config = parseConfig({ NOVITA_API_KEY: "sk_env_key_000000000002" });
    switchStoredKey({ apiKey: "sk_stored_key_000000000001", fingerprint: "sk_…0001" });
    await getNovitaClient().management.listEndpoints();
    expect(fetch.calls.map((call) => [call.url.split("/gpu-instance")[0], call.headers.authorization])).toEqual([
      ["http://127.0.0.1:9913", "Bearer sk_stored_key_000000000001"],
      ["http://127.0.0.1:9912", "Bearer sandbox-secret-key"],
      ["https://api.novita.ai", "Bearer sk_env_key_000000000002"],
    ]);
  });
});
