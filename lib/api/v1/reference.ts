/**
 * The API page's content, read from the OpenAPI document (lib/api/v1/openapi.ts): operations grouped by tag, each
 * with its role, parameters and body fields from their JSON schemas, its answers, and an example call (path
 * placeholders, a query and a body built from the schema) for the snippets. Plain data; browser-safe.
 */
import type { ApiCall } from "./snippets";

type JsonSchema = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document the page reads. */
export interface OpenApiDocument {
  info: { title: string; description?: string };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
}

/** One row of a parameters or body-fields table. */
export interface FieldRow {
  /** `name`, or `parent.name` for a field of a nested object. */
  name: string;
  /** `path` or `query` for a parameter; none for a body field. */
  in?: "path" | "query";
  type: string;
  required: boolean;
  description: string;
}

export interface ReferenceOperation {
  /** The operationId, also the heading's anchor (`/api-reference#runWorkflow`). */
  anchor: string;
  method: "GET" | "POST";
  path: string;
  summary: string;
  /** Without the document's trailing "Role: …" line. */
  description: string;
  /** viewer, operator, admin, or `public` (the document itself). */
  role: string;
  parameters: FieldRow[];
  body?: { required: boolean; type: string; fields: FieldRow[] };
  responses: { status: string; description: string }[];
  /** The example call, its URL relative to the console's origin. */
  example: ApiCall;
}

export interface ReferenceTag {
  name: string;
  description: string;
  anchor: string;
  operations: ReferenceOperation[];
}

interface OperationObject {
  operationId: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; $ref?: string; content?: Record<string, unknown> }>;
}

/** The anchor of a tag's section: `Novita-compatible gateway` → `tag-novita-compatible-gateway`. */
export function tagAnchor(name: string): string {
  return `tag-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}

/** The document's own `#/components/…` reference, followed. */
function resolveRef(document: OpenApiDocument, ref: string): JsonSchema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document) as
    JsonSchema | undefined;
}

/** The schema itself when it is a `$ref` (followed up to a few times). */
function resolved(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let current = schema ?? {};
  for (let depth = 0; typeof current.$ref === "string" && depth < 5; depth += 1) {
    current = resolveRef(document, current.$ref) ?? {};
  }
  return current;
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

/** A short type for a table: `string`, `integer`, `"a" | "b"`, `string[]`, `record<string, …>`, `SendJobsRequest`. */
export function typeLabel(document: OpenApiDocument, schema: JsonSchema | undefined): string {
  if (!schema) return "any";
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map((member) => typeLabel(document, member)).join(" | ");
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type as string | undefined);
  if (type === "array") return `${typeLabel(document, schema.items as JsonSchema | undefined)}[]`;
  if (type === "object" && !schema.properties && schema.additionalProperties) {
    const values = schema.additionalProperties === true ? {} : (schema.additionalProperties as JsonSchema);
    return `record<string, ${typeLabel(document, values)}>`;
  }
  if (type === "string" && schema.format) return `string (${String(schema.format)})`;
  return type ?? "any";
}

/** A description with the schema's default and bounds, for a table cell. */
function describe(schema: JsonSchema, description: unknown): string {
  const parts = [typeof description === "string" ? description : ((schema.description as string | undefined) ?? "")];
  if (schema.default !== undefined) parts.push(`Default: ${JSON.stringify(schema.default)}.`);
  const min = schema.minimum ?? schema.minLength;
  const max = schema.maximum ?? schema.maxLength;
  const large = (value: unknown) => typeof value === "number" && value >= Number.MAX_SAFE_INTEGER;
  if (schema.type === "integer" || schema.type === "number") {
    if (min !== undefined && max !== undefined && !large(max)) parts.push(`${String(min)}–${String(max)}.`);
    else if (min !== undefined) parts.push(`At least ${String(min)}.`);
  }
  return parts.filter(Boolean).join(" ");
}

/** An object schema's properties as rows, with one level of nested objects' properties under `parent.`. */
export function fieldRows(document: OpenApiDocument, schema: JsonSchema, prefix = "", depth = 0): FieldRow[] {
  const object = resolved(document, schema);
  const required = new Set((object.required as string[] | undefined) ?? []);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).flatMap(([name, property]) => {
    const inner = resolved(document, property);
    const row: FieldRow = {
      name: prefix + name,
      type: typeLabel(document, property),
      required: required.has(name),
      description: describe(inner, property.description ?? inner.description),
    };
    const nested = depth === 0 && inner.type === "object" && inner.properties;
    return nested ? [row, ...fieldRows(document, inner, `${prefix}${name}.`, depth + 1)] : [row];
  });
}

/** Examples for fields a placeholder would explain badly. */
const NAMED_EXAMPLES: Record<string, unknown> = {
  input: { prompt: "a red apple on a table" },
  inputs: { prompt: "a red apple on a table", seed: "random" },
  endpointId: "<endpoint id>",
};

/**
 * An example value of `schema`: an enum's first value, the default, the lower bound, a `<name>` placeholder for a
 * string; for an object, its required properties and the ones with a named example (`input`, `inputs`).
 */
export function exampleOf(document: OpenApiDocument, schema: JsonSchema | undefined, name = "value"): unknown {
  const current = resolved(document, schema);
  if (name in NAMED_EXAMPLES && !Array.isArray(current.enum)) return NAMED_EXAMPLES[name];
  const union = (current.anyOf ?? current.oneOf) as JsonSchema[] | undefined;
  if (union?.length) return exampleOf(document, union[0], name);
  if (Array.isArray(current.enum)) return current.enum[0];
  if ("const" in current) return current.const;
  if (current.default !== undefined) return current.default;
  switch (Array.isArray(current.type) ? current.type[0] : current.type) {
    case "string":
      return current.format === "date-time" ? "2025-01-31T12:00:00Z" : `<${name}>`;
    case "integer":
    case "number":
      return typeof current.minimum === "number" ? current.minimum : 1;
    case "boolean":
      return false;
    case "array":
      return [exampleOf(document, current.items as JsonSchema | undefined, name)];
    case "object": {
      const required = new Set((current.required as string[] | undefined) ?? []);
      const properties = Object.entries((current.properties ?? {}) as Record<string, JsonSchema>);
      const chosen = properties.filter(([key]) => required.has(key) || key in NAMED_EXAMPLES);
      return Object.fromEntries(chosen.map(([key, property]) => [key, exampleOf(document, property, key)]));
    }
    default:
      return {};
  }
}

/** `Role: **operator**.` at the end of a description, parted from it. */
function splitRole(description: string): { description: string; role: string | undefined } {
  const match = /\n*\s*Role: \*\*([a-z]+)\*\*\.\s*$/.exec(description);
  if (!match) return { description: description.trim(), role: undefined };
  return { description: description.slice(0, match.index).trim(), role: match[1] };
}

function responseRows(document: OpenApiDocument, operation: OperationObject) {
  return Object.entries(operation.responses ?? {}).map(([status, response]) => {
    const shown = response.$ref ? (resolveRef(document, response.$ref) as typeof response | undefined) : response;
    return { status, description: shown?.description ?? "" };
  });
}

function exampleCall(
  document: OpenApiDocument,
  path: string,
  method: "GET" | "POST",
  operation: OperationObject,
): ApiCall {
  const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => `<${name}>`);
  // The first query parameter shows how the query is written; the rest are in the table.
  const first = operation.parameters?.find((parameter) => parameter.in === "query");
  const query = first ? { [first.name]: String(exampleOf(document, first.schema, first.name)) } : undefined;
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const file = !!operation.responses?.["200"]?.content?.["application/octet-stream"];
  return {
    method,
    url,
    ...(query ? { query } : {}),
    ...(schema ? { body: exampleOf(document, schema, "body") } : {}),
    ...(file ? { answer: "file" as const } : {}),
  };
}

function referenceOperation(
  document: OpenApiDocument,
  path: string,
  method: string,
  operation: OperationObject,
): ReferenceOperation {
  const upper = method.toUpperCase() as "GET" | "POST";
  const { description, role } = splitRole(operation.description ?? "");
  const parameters: FieldRow[] = (operation.parameters ?? []).map((parameter) => ({
    name: parameter.name,
    in: parameter.in === "path" ? "path" : "query",
    type: typeLabel(document, parameter.schema),
    required: !!parameter.required,
    description: describe(parameter.schema ?? {}, parameter.description),
  }));
  const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
  const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
  return {
    anchor: operation.operationId,
    method: upper,
    path,
    summary: operation.summary ?? "",
    description,
    role: role ?? (isPublic ? "public" : "viewer"),
    parameters,
    ...(bodySchema
      ? {
          body: {
            required: !!operation.requestBody?.required,
            type: typeLabel(document, bodySchema),
            fields: fieldRows(document, bodySchema),
          },
        }
      : {}),
    responses: responseRows(document, operation),
    example: exampleCall(document, path, upper, operation),
  };
}

/** The document's operations grouped by tag, in the document's tag order (then any tag it does not list). */
export function referenceOf(document: OpenApiDocument): ReferenceTag[] {
  const tags = new Map<string, ReferenceTag>();
  for (const tag of document.tags ?? []) {
    tags.set(tag.name, {
      name: tag.name,
      description: tag.description ?? "",
      anchor: tagAnchor(tag.name),
      operations: [],
    });
  }
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(operations)) {
      const operation = raw as OperationObject;
      const name = operation.tags?.[0] ?? "Other";
      if (!tags.has(name)) tags.set(name, { name, description: "", anchor: tagAnchor(name), operations: [] });
      tags.get(name)!.operations.push(referenceOperation(document, path, method, operation));
    }
  }
  return [...tags.values()].filter((tag) => tag.operations.length > 0);
}

/** A line of the document's Markdown, in pieces: plain text, `code` and **strong**. */
export type TextPiece = { kind: "text" | "code" | "strong"; text: string };

/** The inline Markdown the document's descriptions use (backticks and double asterisks), in pieces. */
export function inlinePieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) pieces.push({ kind: "text", text: text.slice(at, match.index) });
    pieces.push(match[1] !== undefined ? { kind: "code", text: match[1] } : { kind: "strong", text: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ kind: "text", text: text.slice(at) });
  return pieces;
}

/** A description's paragraphs (blank-line separated, lines joined), each in pieces. */
export function paragraphsOf(text: string): TextPiece[][] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map(inlinePieces);
}
