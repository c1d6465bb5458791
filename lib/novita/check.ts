/**
 * The connection check: read-only probes of every Novita call the console relies on, each reported as call ·
 * HTTP status · time · whether the answer had the fields the console reads (which were missing, which were new).
 * `write` adds a min-0 endpoint created, read and deleted. Raw HTTP on purpose: the point is to see Novita's own
 * answer, not the client's lenient reading of it. The key is sent, never reported: paths carry no secret and
 * every text passes through `scrubSecret`.
 */
import { gpusBaseUrlOf, type NovitaClientOptions } from "./client";
import { scrubSecret } from "./errors";
import { jobRouteCandidates } from "./route-name";
import { compareShape } from "./shape";

export type ProbeVerdict = "ok" | "mismatch" | "skipped" | "info";

export interface ProbeRow {
  call: string;
  /** Method and path, relative to the surface's base URL (which `surface` names). */
  request: string;
  surface: "management" | "gpus" | "jobs";
  status: number | undefined;
  ms: number | undefined;
  verdict: ProbeVerdict;
  missing: string[];
  extra: string[];
  note: string | undefined;
}

export interface ConnectionCheck {
  rows: ProbeRow[];
  /** True when no row is a mismatch. */
  ok: boolean;
  checkedAt: string;
}

export interface CheckOptions {
  write?: boolean;
  /** A serverless product id for the write probe; default: the first of the serverless list. */
  productId?: string;
  timeoutMs?: number;
}

/** What the console reads from each answer (lib/novita/wire.ts), as shape paths. */
const ENDPOINT_FIELDS = [
  "id",
  "name",
  "appName",
  "state.state",
  "workerConfig",
  "policy",
  "image",
  "products",
  "ports",
  "workers",
];
const EXPECTED = {
  list: ["endpoints[]", "total", ...ENDPOINT_FIELDS.map((field) => `endpoints[].${field}`)],
  get: ENDPOINT_FIELDS.map((field) => `endpoint.${field}`),
  // Every bound wireEndpointLimits requires (a missing one fails the client's parse), and the CUDA list.
  limits: [
    ...["RootfsSize", "LocalVolumeSize"].flatMap((bound) => [`min${bound}`, `max${bound}`, `free${bound}`]),
    ...[
      "WorkerNum",
      "FreeTimeout",
      "ConcurrencyNum",
      "QueueWaitTime",
      "RequestNum",
      "GPUNum",
      "RequestTimeout",
    ].flatMap((bound) => [`min${bound}`, `max${bound}`]),
    "cudaVersionList",
  ],
  serverlessProducts: [
    "data[]",
    "data[].id",
    "data[].name",
    "data[].pricing.precision",
    "data[].pricing.postpaid.final_price",
  ],
  instanceProducts: ["data[]", "data[].id", "data[].name", "data[].price"],
  credentials: ["data[]", "data[].id", "data[].name"],
  storages: ["data[]", "data[].storageId", "data[].storageName", "data[].storageSize", "data[].clusterId"],
  health: [
    "workers.idle",
    "workers.running",
    "jobs.completed",
    "jobs.failed",
    "jobs.inProgress",
    "jobs.inQueue",
    "jobs.retried",
  ],
  created: ["id"],
} as const;

/** What the console also reads when it is there (lib/novita/wire.ts): never missed, never "new". */
const ENDPOINT_OPTIONAL = [
  "type",
  "url",
  "state.error",
  "state.message",
  "rootfsSize",
  "volumeMounts",
  "envs",
  "healthy",
  "clusterID",
];
const OPTIONAL: Partial<Record<keyof typeof EXPECTED, readonly string[]>> = {
  list: ENDPOINT_OPTIONAL.map((field) => `endpoints[].${field}`),
  get: ENDPOINT_OPTIONAL.map((field) => `endpoint.${field}`),
  serverlessProducts: [
    "data[].available",
    "data[].availableDeploy",
    ...["model", "name", "memory_gb"].map((field) => `data[].resource_spec.gpu.${field}`),
  ],
  instanceProducts: ["data[].availableDeploy"],
  credentials: ["data[].username"],
  storages: ["data[].id", "data[].name", "data[].size", "data[].clusterID"],
  health: ["workers.throttled", "workers.total"],
};

interface Shape {
  paths: readonly string[];
  optional: readonly string[];
}

function shapeOf(kind: keyof typeof EXPECTED): Shape {
  return { paths: EXPECTED[kind], optional: OPTIONAL[kind] ?? [] };
}

/** Serving endpoints whose health the check asks (both route-name forms each, when the app name is the id). */
const MAX_HEALTH_PROBES = 3;

interface Answer {
  status: number | undefined;
  ms: number;
  json: unknown;
  problem: string | undefined;
}

export async function checkConnection(
  client: NovitaClientOptions,
  options: CheckOptions = {},
): Promise<ConnectionCheck> {
  const fetchFunction = client.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const bases = {
    management: client.apiBaseUrl.replace(/\/+$/, ""),
    gpus: gpusBaseUrlOf(client).replace(/\/+$/, ""),
    jobs: client.jobsBaseUrl.replace(/\/+$/, ""),
  };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const rows: ProbeRow[] = [];

  async function call(
    surface: ProbeRow["surface"],
    method: "GET" | "POST",
    path: string,
    body?: unknown,
  ): Promise<Answer> {
    const started = performance.now();
    try {
      const response = await fetchFunction(`${bases[surface]}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${client.apiKey}`,
          Accept: "application/json",
          "Content-Type": "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const ms = Math.round(performance.now() - started);
      let json: unknown;
      try {
        json = text.trim() ? JSON.parse(text) : undefined;
      } catch {
        return { status: response.status, ms, json: undefined, problem: "the answer is not JSON" };
      }
      return { status: response.status, ms, json, problem: response.ok ? undefined : describeRefusal(json) };
    } catch (error) {
      const ms = Math.round(performance.now() - started);
      return {
        status: undefined,
        ms,
        json: undefined,
        problem: scrubSecret(error instanceof Error ? error.message : String(error), client.apiKey),
      };
    }
  }

  function record(
    callName: string,
    surface: ProbeRow["surface"],
    request: string,
    answer: Answer,
    expected: readonly string[] | Shape,
    extraNote?: string,
  ): boolean {
    const ok = answer.status !== undefined && answer.status >= 200 && answer.status < 300 && !answer.problem;
    const { paths, optional } = "paths" in expected ? expected : { paths: expected, optional: [] };
    const shape = ok ? compareShape(answer.json, paths, optional) : { missing: [], extra: [], unchecked: [] };
    const notes = [
      answer.problem,
      shape.unchecked.length ? `empty: ${shape.unchecked.join(", ")} (item fields not checked)` : undefined,
      extraNote,
    ].filter(Boolean);
    rows.push({
      call: callName,
      request,
      surface,
      status: answer.status,
      ms: answer.ms,
      verdict: ok && shape.missing.length === 0 ? "ok" : "mismatch",
      missing: shape.missing,
      extra: shape.extra,
      note: notes.length ? scrubSecret(notes.join("; "), client.apiKey) : undefined,
    });
    return ok;
  }

  function skip(callName: string, surface: ProbeRow["surface"], request: string, note: string) {
    rows.push({
      call: callName,
      request,
      surface,
      status: undefined,
      ms: undefined,
      verdict: "skipped",
      missing: [],
      extra: [],
      note,
    });
  }

  /** Calls GET `path` on the management API and records the answer against `kind`'s expected shape. */
  async function recordGet(callName: string, path: string, kind: keyof typeof EXPECTED): Promise<boolean> {
    return record(callName, "management", `GET ${path}`, await call("management", "GET", path), shapeOf(kind));
  }

  const listPath = "/endpoints?pageSize=20&pageNum=0";
  const list = await call("management", "GET", listPath);
  const listAnswered = record("List endpoints", "management", `GET ${listPath}`, list, shapeOf("list"));
  const endpoints = endpointsIn(list.json);
  const noList = "the endpoint list did not answer, so no endpoint is known";
  const pagePath = "/endpoints?pageSize=1&pageNum=1";
  const page = await call("management", "GET", pagePath);
  const pageNote = endpoints.length > 1 ? pagingNote(endpoints, endpointsIn(page.json)) : undefined;
  record("List endpoints, second page", "management", `GET ${pagePath}`, page, ["endpoints[]", "total"], pageNote);

  const first = endpoints[0];
  if (first) {
    const getPath = `/endpoint?id=${encodeURIComponent(first.id)}`;
    await recordGet("Get one endpoint", getPath, "get");
  } else
    skip(
      "Get one endpoint",
      "management",
      "GET /endpoint?id=…",
      listAnswered ? "the account has no endpoint to read" : noList,
    );

  await recordGet("Endpoint limits", "/endpoint/limit", "limits");
  const productsPath = "/products?type=gpu&category=serverless";
  const serverless = await call("gpus", "GET", productsPath);
  record("Serverless GPU products (v2)", "gpus", `GET ${productsPath}`, serverless, shapeOf("serverlessProducts"));
  await recordGet("GPU-instance products (v1)", "/products", "instanceProducts");
  await recordGet("Registry credentials", "/repository/auths", "credentials");
  await recordGet("Network storage", "/networkstorages/list?pageSize=20", "storages");

  const serving = endpoints.filter((endpoint) => endpoint.state === "serving");
  if (serving.length === 0) {
    const stateless = endpoints.length > 0 && endpoints.every((endpoint) => endpoint.state === "");
    const why = !listAnswered
      ? noList
      : stateless
        ? "the endpoint list did not say which endpoints are serving"
        : "no serving endpoint to ask";
    skip("Endpoint health", "jobs", "GET /{route}/health", why);
  }
  // One shape per route-name rule is what the check is after; an account's every endpoint would be noise (and calls).
  for (const endpoint of serving.slice(0, MAX_HEALTH_PROBES)) await probeHealth(endpoint);
  if (serving.length > MAX_HEALTH_PROBES) {
    const more = serving.length - MAX_HEALTH_PROBES;
    skip(
      "Endpoint health",
      "jobs",
      "GET /{route}/health",
      `${more} more serving endpoint${more === 1 ? "" : "s"} not asked (the check asks ${MAX_HEALTH_PROBES})`,
    );
  }

  if (options.write) await probeWrite(options.productId ?? firstProductId(serverless.json));

  async function probeHealth(endpoint: ListedEndpoint) {
    const candidates = jobRouteCandidates(endpoint.id, endpoint.appName);
    const answers = [];
    for (const name of candidates)
      answers.push({ name, answer: await call("jobs", "GET", `/${encodeURIComponent(name)}/health`) });
    const anyAnswered = answers.some(({ answer }) => answer.status !== undefined && answer.status < 300);
    for (const { name, answer } of answers) {
      const request = `GET /${name}/health`;
      const notFound =
        answer.status === 404 || (answer.status === 400 && /_NOT_FOUND$/.test(reasonOf(answer.json) ?? ""));
      if (anyAnswered && notFound) {
        rows.push({
          call: `Health of ${endpoint.id}`,
          request,
          surface: "jobs",
          status: answer.status,
          ms: answer.ms,
          verdict: "info",
          missing: [],
          extra: [],
          note: "this route-name form is not the one the gateway uses",
        });
      } else {
        record(
          `Health of ${endpoint.id}`,
          "jobs",
          request,
          answer,
          shapeOf("health"),
          anyAnswered ? "this route-name form answers" : "no route-name form answered",
        );
      }
    }
  }

  async function probeWrite(productId: string | undefined) {
    if (!productId)
      return skip(
        "Create a min-0 endpoint",
        "management",
        "POST /endpoint/create",
        "no serverless product id to create with",
      );
    const name = `console-check-${Date.now().toString(36)}`;
    const body = { endpoint: checkEndpointBody(name, productId) };
    const created = await call("management", "POST", "/endpoint/create", body);
    if (!record("Create a min-0 endpoint", "management", "POST /endpoint/create", created, shapeOf("created"))) return;
    const id = isRecord(created.json) && typeof created.json.id === "string" ? created.json.id : "";
    const getPath = `/endpoint?id=${encodeURIComponent(id)}`;
    const got = await call("management", "GET", getPath);
    const type = isRecord(got.json) && isRecord(got.json.endpoint) ? got.json.endpoint.type : undefined;
    record(
      "Read it back",
      "management",
      `GET ${getPath}`,
      got,
      { paths: [...EXPECTED.get, "endpoint.type"], optional: OPTIONAL.get ?? [] },
      type === undefined ? undefined : `type: ${String(type)}`,
    );
    const deleted = await call("management", "POST", "/endpoint/delete", { name: id, id });
    record("Delete it", "management", "POST /endpoint/delete", deleted, []);
    const gone = await call("management", "GET", getPath);
    const saysGone = gone.status === 404 || (gone.status === 400 && /_NOT_FOUND$/.test(reasonOf(gone.json) ?? ""));
    rows.push({
      call: "Read it after delete",
      request: `GET ${getPath}`,
      surface: "management",
      status: gone.status,
      ms: gone.ms,
      verdict: saysGone ? "ok" : "mismatch",
      missing: [],
      extra: [],
      note: `expected not-found; Novita said ${reasonOf(gone.json) ?? gone.problem ?? "nothing"}`,
    });
  }

  // Belt and braces: no text of the report may carry the key, whatever an answer echoed.
  const scrubbed = rows.map((row) => ({
    ...row,
    call: scrubSecret(row.call, client.apiKey),
    request: scrubSecret(row.request, client.apiKey),
    note: row.note === undefined ? undefined : scrubSecret(row.note, client.apiKey),
    missing: row.missing.map((path) => scrubSecret(path, client.apiKey)),
    extra: row.extra.map((path) => scrubSecret(path, client.apiKey)),
  }));
  return {
    rows: scrubbed,
    ok: scrubbed.every((row) => row.verdict !== "mismatch"),
    checkedAt: new Date().toISOString(),
  };
}

/** The smallest endpoint the write probe makes: no workers until a job arrives, which it never does. */
function checkEndpointBody(name: string, productId: string) {
  return {
    name,
    type: "async",
    workerConfig: { minNum: 0, maxNum: 1, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1, requestTimeout: 60 },
    ports: [{ port: "8080" }],
    policy: { type: "queue", value: 60 },
    image: { image: "docker.io/library/busybox:latest", command: "sleep infinity" },
    products: [{ id: productId }],
    rootfsSize: 100,
    volumeMounts: [{ type: "local", size: 30, mountPath: "/workspace" }],
    envs: [],
  };
}

interface ListedEndpoint {
  id: string;
  appName: string;
  state: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function endpointsIn(json: unknown): ListedEndpoint[] {
  const list = isRecord(json) && Array.isArray(json.endpoints) ? json.endpoints : [];
  return list.filter(isRecord).flatMap((endpoint) =>
    typeof endpoint.id === "string"
      ? [
          {
            id: endpoint.id,
            appName: typeof endpoint.appName === "string" ? endpoint.appName : "",
            state: isRecord(endpoint.state) ? String(endpoint.state.state ?? "") : "",
          },
        ]
      : [],
  );
}

function pagingNote(firstPage: ListedEndpoint[], secondPage: ListedEndpoint[]): string {
  const second = secondPage[0]?.id;
  if (!second) return "page 1 of size 1 was empty";
  if (second === firstPage[0]?.id) return "pageNum=1 repeats the first endpoint: pages count from 1";
  return second === firstPage[1]?.id ? "pageNum counts from 0" : "pageNum=1 gave an endpoint in an unexpected order";
}

function firstProductId(json: unknown): string | undefined {
  const list = isRecord(json) && Array.isArray(json.data) ? json.data : [];
  const first = list.find(isRecord);
  return first && (typeof first.id === "string" || typeof first.id === "number") ? String(first.id) : undefined;
}

function reasonOf(json: unknown): string | undefined {
  return isRecord(json) && typeof json.reason === "string" ? json.reason : undefined;
}

function describeRefusal(json: unknown): string {
  if (!isRecord(json)) return "refused";
  return (
    [json.reason, json.message ?? json.error].filter((part) => typeof part === "string" && part).join(": ") || "refused"
  );
}
