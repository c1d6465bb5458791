/**
 * The OpenAPI 3.1 document of `/api/v1` (and the gateway's five calls), built from the operations' own zod schemas
 * with zod's `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses). Nothing here is written by hand but
 * the words: parameters, bodies and answers are the schemas the routes parse and answer with.
 */
import "server-only";
import { z } from "zod";
import { API_RATE } from "./rate-limit";
import { GATEWAY_CALLS } from "./gateway-doc";
import { API_OPERATIONS } from "./registry";
import type { ApiOperationSpec } from "./route";
import { requestSchemas, responseSchemas } from "./schemas";

type JsonSchema = Record<string, unknown>;
type Registry = typeof responseSchemas;

/** Where the document is served. */
export const OPENAPI_PATH = "/api/v1/openapi.json";

/** A schema without `$schema` and `$id`: inside an OpenAPI document, the document says both. */
function bare(schema: JsonSchema): JsonSchema {
  const copy = { ...schema };
  delete copy.$schema;
  delete copy.$id;
  return copy;
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function components(registry: Registry, io: "input" | "output"): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, bare(schema as JsonSchema)]));
}

function schemaOf(schema: z.ZodType, registry: Registry, io: "input" | "output"): JsonSchema {
  const id = registry.get(schema)?.id;
  if (id) return ref(id);
  return bare(z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema);
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const json = (schema: JsonSchema) => ({ "application/json": { schema } });

function errorAnswer(description: string, spec: ApiOperationSpec) {
  const schema = spec.gateway ? schemaOf(spec.gateway.errorSchema, responseSchemas, "output") : ref("Error");
  return { description, content: json(schema) };
}

function operation(spec: ApiOperationSpec) {
  const responses: Record<string, unknown> = {
    "200": spec.response.file
      ? {
          description: spec.response.description,
          headers: { "Content-Disposition": { schema: { type: "string" }, description: "attachment; filename=…" } },
          content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "*/*" } } },
        }
      : {
          description: spec.response.description,
          content: json(schemaOf(spec.response.schema!, responseSchemas, "output")),
        },
    "400": spec.gateway ? errorAnswer("Malformed request.", spec) : { $ref: "#/components/responses/Invalid" },
    "401": spec.gateway
      ? errorAnswer("No valid console token.", spec)
      : { $ref: "#/components/responses/Unauthenticated" },
    "403": spec.gateway
      ? errorAnswer(`Needs the ${spec.role} role.`, spec)
      : { $ref: "#/components/responses/Forbidden" },
  };
  for (const [status, description] of Object.entries(spec.errors ?? {}))
    responses[status] = errorAnswer(description, spec);
  if (!spec.gateway) responses["429"] = { $ref: "#/components/responses/RateLimited" };
  const body = spec.body && {
    required: !spec.bodyOptional,
    content: json(schemaOf(spec.body, requestSchemas, "input")),
  };
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    description: `${spec.description}\n\nRole: **${spec.role}**.`,
    ...(spec.gateway ? { security: [{ consoleToken: [] }] } : {}),
    parameters: [...parameters(spec.params, "path"), ...parameters(spec.query, "query")],
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

const DESCRIPTION = [
  "The console's own resources for scripts, notebooks and CI, on the same services, roles and rules as its pages.",
  "",
  "**Authentication.** `Authorization: Bearer nvc_…` with a console token (Settings → API tokens); a token acts",
  "with the lower of its role and its owner's role today. The console's own pages call the same routes with the",
  "signed-in session (writes only from the console's own origin).",
  "",
  `**Rate limit.** ${API_RATE.perSecond} requests a second per token, in bursts of up to ${API_RATE.burst} (per`,
  "person for a session), counted per server replica. Over it: 429 `rate_limited` with `Retry-After` in seconds.",
  "",
  "**Errors** are `{ error: { code, message, fields? } }` with the console's codes; request bodies are at most",
  "4 MiB. The Novita-compatible gateway under `/api/novita/v1` answers in Novita's shape instead.",
].join("\n");

function paths(): Record<string, Record<string, unknown>> {
  const all: Record<string, Record<string, unknown>> = {};
  for (const spec of [...API_OPERATIONS.map((entry) => entry.spec), ...GATEWAY_CALLS]) {
    all[spec.path] ??= {};
    all[spec.path]![spec.method.toLowerCase()] = operation(spec);
  }
  all[OPENAPI_PATH] = {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Meta"],
      summary: "This document",
      description: "The OpenAPI 3.1 document of the console's API. Public: it holds no data.",
      security: [],
      responses: { "200": { description: "The document.", content: json({ type: "object" }) } },
    },
  };
  return all;
}

function errorResponses() {
  const answer = (description: string) => ({ description, content: json(ref("Error")) });
  return {
    Invalid: answer("`invalid`: the parameters or body are wrong (`fields` say where), or the body is over 4 MiB."),
    Unauthenticated: answer("`unauthenticated`: no token, or an unknown, revoked or expired one."),
    Forbidden: answer("`forbidden`: the token's (or person's) role is below the operation's."),
    RateLimited: {
      ...answer("`rate_limited`: over the rate for this token."),
      headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer", minimum: 1 } } },
    },
  };
}

/** The OpenAPI 3.1 document. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Novita Console API", version: "1", description: DESCRIPTION },
    servers: [{ url: "/", description: "This console" }],
    security: [{ consoleToken: [] }, { consoleSession: [] }],
    tags: [
      { name: "Endpoints", description: "The team's Novita serverless endpoints." },
      { name: "Jobs", description: "The job ledger: every job sent through the console." },
      { name: "Workflows", description: "ComfyUI workflows and runs with named inputs." },
      { name: "Outputs", description: "The archive of job outputs (the gallery)." },
      { name: "Novita-compatible gateway", description: "Novita's job calls, with a console token." },
      { name: "Meta", description: "About the API." },
    ],
    paths: paths(),
    components: {
      securitySchemes: {
        consoleToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "nvc_…",
          description: "A console token from Settings → API tokens.",
        },
        consoleSession: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The console's own pages (signed in). Writes only from the console's origin.",
        },
      },
      schemas: { ...components(requestSchemas, "input"), ...components(responseSchemas, "output") },
      responses: errorResponses(),
    },
  };
}

let built: string | undefined;

/** The document as JSON text, built once per server bundle. */
export function openApiJson(): string {
  built ??= JSON.stringify(buildOpenApiDocument());
  return built;
}
