/**
 * The OpenAPI document against the route files: every handler of app/api/v1 (and of the gateway) is in the document
 * with its method, and every documented operation has its route file exporting the registry's own handler.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GATEWAY_CALLS } from "./gateway-doc";
import { buildOpenApiDocument, OPENAPI_PATH, openApiJson } from "./openapi";
import { API_OPERATIONS } from "./registry";

const APP_API = path.resolve(__dirname, "..", "..", "..", "app", "api");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** `jobs/[id]/cancel/route.ts` under `base` → `/api/<base>/jobs/{id}/cancel`. */
function routeFiles(base: string): { file: string; path: string }[] {
  const root = path.join(APP_API, base);
  return (readdirSync(root, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => {
      const directory = path.dirname(file).split(path.sep).join("/");
      const segments = directory === "." ? "" : `/${directory.replace(/\[([^\]]+)\]/g, "{$1}")}`;
      return { file: path.join(root, file), path: `/api/${base}${segments}` };
    });
}

async function handlersIn(base: string): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for (const { file, path: route } of routeFiles(base)) {
    const exported = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (METHODS.includes(name) && typeof value === "function") found.set(`${name} ${route}`, value);
    }
  }
  return found;
}

function documented(document: ReturnType<typeof buildOpenApiDocument>, prefix: string): string[] {
  return Object.entries(document.paths)
    .filter(([route]) => route.startsWith(prefix))
    .flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`))
    .sort();
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

function resolve(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument();

  it("is OpenAPI 3.1 and survives JSON as it is", () => {
    expect(document.openapi).toBe("3.1.0");
    const text = openApiJson();
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(document)));
    expect(document.components.securitySchemes.consoleToken).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("lists every /api/v1 route handler, and nothing that has no route file", async () => {
    const handlers = await handlersIn("v1");
    expect([...handlers.keys()].sort()).toEqual(documented(document, "/api/v1/"));
    // The route files export the registry's own handlers: what is documented is what runs.
    for (const { spec, handler } of API_OPERATIONS) {
      expect(handlers.get(`${spec.method} ${spec.path}`), `${spec.method} ${spec.path}`).toBe(handler);
    }
    expect(handlers.has(`GET ${OPENAPI_PATH}`)).toBe(true);
  });

  it("lists the gateway's five calls as their route files export them", async () => {
    const handlers = await handlersIn("novita/v1");
    // The catch-all answers 404 for any other call: not an operation.
    const calls = [...handlers.keys()].filter((call) => !call.includes("{...rest}"));
    expect(calls.sort()).toEqual(documented(document, "/api/novita/v1/"));
    expect(GATEWAY_CALLS).toHaveLength(5);
  });

  it("resolves every $ref", () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(resolve(document, ref), ref).toBeDefined();
  });

  it("describes each operation: id, summary, parameters of its path, the error answers", () => {
    const ids = new Set<string>();
    for (const [route, operations] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(operations)) {
        const operation = raw as {
          operationId: string;
          summary: string;
          description: string;
          parameters?: { name: string; in: string }[];
          responses: Record<string, unknown>;
          security?: unknown[];
        };
        const where = `${method} ${route}`;
        expect(ids.has(operation.operationId), where).toBe(false);
        ids.add(operation.operationId);
        expect(operation.summary, where).toBeTruthy();
        expect(operation.description, where).toBeTruthy();
        const pathNames = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
        expect(operation.parameters?.filter((entry) => entry.in === "path").map((entry) => entry.name) ?? []).toEqual(
          pathNames,
        );
        expect(operation.responses["200"], where).toBeDefined();
        if (route === OPENAPI_PATH) {
          expect(operation.security).toEqual([]);
          continue;
        }
        for (const status of ["400", "401", "403"])
          expect(operation.responses[status], `${where} ${status}`).toBeDefined();
        if (route.startsWith("/api/v1/")) expect(operation.responses["429"], where).toBeDefined();
      }
    }
    expect(ids.size).toBe(API_OPERATIONS.length + GATEWAY_CALLS.length + 1);
  });

  it("documents the rate limit's answer with Retry-After, and the error shape", () => {
    expect(document.components.responses.RateLimited.headers["Retry-After"]).toBeDefined();
    expect(document.components.schemas.Error).toMatchObject({ properties: { error: { $ref: expect.any(String) } } });
    expect(document.info.description).toMatch(/20 requests a second/);
  });
});
