import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Sets up endpoints for the endpoint specs straight through the sandbox's management API (Novita's wire format),
 * behind the console's back, the way a teammate using Novita's own console would.
 */
export interface SandboxEndpointWire {
  id: string;
  name: string;
  state: { state: string; error: string; message: string };
  workerConfig: { minNum: number; maxNum: number };
  workers: { id: string; state: { state: string } }[] | null;
}

/** The sandbox's worker images the e2e endpoints run: one per kind of worker it plays. */
export const WORKER_IMAGES = {
  echo: "example/echo-worker:1",
  sleep: "example/sleep-worker:1",
  comfyui: "novitalabs/comfyui-worker:v0.0.1",
} as const;

export class SandboxManagement {
  constructor(
    readonly origin: string,
    private readonly key: string,
  ) {}

  /** The sandbox of the Playwright web server (E2E_DATA_DIR, E2E_SANDBOX_PORT or E2E_PORT + 90). */
  static ofTestServer(): SandboxManagement {
    const port = Number(process.env.E2E_SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 90);
    return SandboxManagement.at(port, process.env.E2E_DATA_DIR!);
  }

  static at(port: number, dataDir: string): SandboxManagement {
    const key = readFileSync(path.join(dataDir, "sandbox-api-key"), "utf8").trim();
    return new SandboxManagement(`http://127.0.0.1:${port}`, key);
  }

  private async call<T>(method: "GET" | "POST", route: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${this.origin}/gpu-instance/openapi/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${this.key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as T };
  }

  async createEndpoint(
    name: string,
    options: { image?: string; minNum?: number; maxNum?: number; env?: { key: string; value: string }[] } = {},
  ): Promise<string> {
    const { status, json } = await this.call<{ id: string }>("POST", "/endpoint/create", {
      endpoint: {
        name,
        appName: "",
        workerConfig: {
          minNum: options.minNum ?? 0,
          maxNum: options.maxNum ?? 2,
          freeTimeout: 60,
          maxConcurrent: 1,
          gpuNum: 1,
          requestTimeout: 300,
        },
        ports: [{ port: "8080" }],
        policy: { type: "queue", value: 10 },
        image: { image: options.image ?? "example/echo:latest" },
        products: [{ id: "SL-serverless-1" }],
        rootfsSize: 100,
        ...(options.env ? { envs: options.env } : {}),
      },
    });
    if (status !== 200) throw new Error(`sandbox refused to create ${name}: ${status} ${JSON.stringify(json)}`);
    return json.id;
  }

  /** undefined once the endpoint is gone. */
  async getEndpoint(id: string): Promise<SandboxEndpointWire | undefined> {
    const { status, json } = await this.call<{ endpoint: SandboxEndpointWire; reason?: string }>(
      "GET",
      `/endpoint?id=${encodeURIComponent(id)}`,
    );
    // Novita answers "not found" as 400 with a *_NOT_FOUND reason (§10.3).
    if (status === 404 || (status === 400 && json.reason?.endsWith("_NOT_FOUND"))) return undefined;
    if (status !== 200) throw new Error(`sandbox answered ${status} for endpoint ${id}`);
    return json.endpoint;
  }

  async deleteEndpoint(id: string): Promise<void> {
    await this.call("POST", "/endpoint/delete", { name: id });
  }

  async endpointsNamed(name: string): Promise<SandboxEndpointWire[]> {
    const { json } = await this.call<{ endpoints: SandboxEndpointWire[] | null }>(
      "GET",
      "/endpoints?pageSize=100&pageNum=0",
    );
    return (json.endpoints ?? []).filter((endpoint) => endpoint.name === name);
  }

  /** The sandbox's test controls (`/_sandbox/quirks`, `/_sandbox/faults`, …); see docs/sandbox.md. */
  async control(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.origin}/_sandbox${path}`, {
      method,
      headers: { authorization: `Bearer ${this.key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`sandbox control ${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

/** Names unique to one test run, so specs sharing a server never see each other's endpoints. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
