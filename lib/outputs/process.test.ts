/**
 * The archiver as the server builds it (lib/outputs/process.ts: the download rules of each endpoint, the mode in use)
 * against real HTTP servers on loopback: in local mode the sandbox's own 127.0.0.1:<SANDBOX_PORT> may be reached,
 * no other loopback port may — whatever an operator writes into BUCKET_ENDPOINT_URL, directly or through a redirect
 * from the sandbox's port. Only the Novita client (which endpoint holds which env) and the database handle are
 * replaced; the archive, the policy, the downloads and the store are the real ones.
 */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { jobs, outputs } from "@/lib/db/schema";
import { forgetProcessSingleton } from "@/lib/utils/process-singleton";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";

const state = vi.hoisted(() => ({
  db: undefined as unknown,
  env: new Map<string, { key: string; value: string }[]>(),
}));

vi.mock("@/lib/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db/client")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/novita/process", () => ({
  getNovitaClient: () => ({
    management: {
      getEndpoint: async (id: string) => {
        const env = state.env.get(id);
        if (!env) throw new Error(`no endpoint ${id}`);
        return { id, spec: { env } };
      },
    },
  }),
}));

let database: TestDatabase;
let image: Buffer;
/** Stands where the sandbox listens (SANDBOX_PORT). */
let sandbox: Server;
let sandboxPort: number;
/** Another program on loopback: the console itself, a database, an admin API … */
let other: Server;
let otherPort: number;
const otherHits: string[] = [];
let counter = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function useConfig(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  forgetProcessSingleton("config");
}

/** Archives one completed job of `endpointId` whose output is the URL; returns how many files were archived. */
async function archive(endpointId: string, bucketUrl: string | undefined, url: string): Promise<number> {
  counter += 1;
  state.env.set(endpointId, bucketUrl === undefined ? [] : [{ key: "BUCKET_ENDPOINT_URL", value: bucketUrl }]);
  const id = `ssrf-job-${counter}`;
  await database.db.insert(jobs).values({
    id,
    novitaJobId: `nv-ssrf-${counter}`,
    endpointId,
    routeName: "route-1",
    status: "COMPLETED",
    finished: true,
    input: {},
    output: { images: [{ filename: `out-${counter}.png`, type: "s3_url", data: url }] },
    finishedAt: new Date(),
    // As the ledger leaves a job that completes: in the archive queue.
    archiveState: "pending",
  });
  const { getOutputArchiver } = await import("./process");
  const archiver = await getOutputArchiver();
  archiver.start();
  archiver.enqueue(id);
  await archiver.idle();
  return (await database.db.select().from(outputs).where(eq(outputs.jobId, id))).length;
}

beforeAll(async () => {
  image = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#2266aa" } })
    .png()
    .toBuffer();
  sandbox = createServer((request, response) => {
    if (request.url === "/to-other") {
      response.writeHead(302, { location: `http://127.0.0.1:${otherPort}/secret.png` });
      response.end();
      return;
    }
    response.writeHead(200, { "content-type": "image/png" });
    response.end(image);
  });
  other = createServer((request, response) => {
    otherHits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "image/png" });
    response.end(image);
  });
  sandboxPort = await listen(sandbox);
  otherPort = await listen(other);
  database = (await openTestDatabase("pglite"))!;
  state.db = database.db;
  useConfig({
    NOVITA_API_KEY: undefined,
    SANDBOX_PORT: String(sandboxPort),
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "outputs-ssrf-")),
    OUTPUT_FETCH_HOSTS: undefined,
  });
});

afterAll(async () => {
  const { getOutputArchiver } = await import("./process");
  await (await getOutputArchiver()).stop();
  await new Promise<void>((resolve) => sandbox.close(() => resolve()));
  await new Promise<void>((resolve) => other.close(() => resolve()));
  await database?.close();
  useConfig({ NOVITA_API_KEY: undefined, OUTPUT_FETCH_HOSTS: undefined });
});

beforeEach(() => {
  otherHits.length = 0;
  useConfig({ NOVITA_API_KEY: undefined, OUTPUT_FETCH_HOSTS: undefined });
});

describe("the output archiver in local mode", () => {
  it("archives from the sandbox's own port", async () => {
    expect(
      await archive("ep-sandbox", `http://127.0.0.1:${sandboxPort}`, `http://127.0.0.1:${sandboxPort}/image.png`),
    ).toBe(1);
  });

  it("refuses another loopback port that an operator put into BUCKET_ENDPOINT_URL", async () => {
    expect(await archive("ep-other", `http://127.0.0.1:${otherPort}`, `http://127.0.0.1:${otherPort}/secret.png`)).toBe(
      0,
    );
    expect(otherHits).toEqual([]);
  });

  it("refuses every other port when BUCKET_ENDPOINT_URL names the default port (https://127.0.0.1:443)", async () => {
    expect(await archive("ep-default-https", "https://127.0.0.1:443", `http://127.0.0.1:${otherPort}/secret.png`)).toBe(
      0,
    );
    expect(await archive("ep-default-http", "http://127.0.0.1:80", `http://127.0.0.1:${otherPort}/secret.png`)).toBe(0);
    expect(otherHits).toEqual([]);
  });

  it("refuses a redirect from the sandbox's port to another loopback port", async () => {
    useConfig({ OUTPUT_FETCH_HOSTS: `127.0.0.1:${sandboxPort}` });
    expect(await archive("ep-redirect", "http://127.0.0.1:80", `http://127.0.0.1:${sandboxPort}/to-other`)).toBe(0);
    // Even when the allow-list itself lets every port of 127.0.0.1 through (a bare OUTPUT_FETCH_HOSTS entry).
    useConfig({ OUTPUT_FETCH_HOSTS: "127.0.0.1" });
    expect(await archive("ep-redirect-bare", undefined, `http://127.0.0.1:${sandboxPort}/to-other`)).toBe(0);
    expect(await archive("ep-bare", undefined, `http://127.0.0.1:${otherPort}/secret.png`)).toBe(0);
    expect(otherHits).toEqual([]);
  });
});

describe("the output archiver talking to Novita", () => {
  it("refuses loopback altogether, the sandbox's port included", async () => {
    useConfig({ NOVITA_API_KEY: "sk_ssrf_test_0123456789abcdef" });
    expect(
      await archive("ep-novita", `http://127.0.0.1:${sandboxPort}`, `http://127.0.0.1:${sandboxPort}/image.png`),
    ).toBe(0);
  });
});
