import { describe, expect, it } from "vitest";
import { curlBody, hasPython, parseJavaScript, pythonSyntaxError } from "@/tests/support/snippet-syntax";
import { GATEWAY_CALLS } from "./gateway-doc";
import { buildOpenApiDocument } from "./openapi";
import {
  exampleOf,
  inlinePieces,
  paragraphsOf,
  referenceOf,
  tagAnchor,
  typeLabel,
  type OpenApiDocument,
} from "./reference";
import { API_OPERATIONS } from "./registry";
import { callSnippets } from "./snippets";

const document = JSON.parse(JSON.stringify(buildOpenApiDocument())) as OpenApiDocument;
const tags = referenceOf(document);
const operations = tags.flatMap((tag) => tag.operations);
const find = (method: string, path: string) => operations.find((op) => op.method === method && op.path === path)!;

describe("the API page's reference", () => {
  it("has a section for every registry operation and gateway call, grouped by the document's tags", () => {
    for (const { method, path, operationId, tag } of [...API_OPERATIONS.map((entry) => entry.spec), ...GATEWAY_CALLS]) {
      const operation = find(method, path);
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.anchor).toBe(operationId);
      expect(tags.find((entry) => entry.name === tag)!.operations).toContain(operation);
    }
    expect(operations).toHaveLength(API_OPERATIONS.length + GATEWAY_CALLS.length + 1);
    expect(tags.map((tag) => tag.name)).toEqual(document.tags!.map((tag) => tag.name));
    expect(new Set(operations.map((op) => op.anchor)).size).toBe(operations.length);
    expect(tagAnchor("Novita-compatible gateway")).toBe("tag-novita-compatible-gateway");
  });

  it("parts the role from the description", () => {
    const run = find("POST", "/api/v1/workflows/{id}/runs");
    expect(run.role).toBe("operator");
    expect(run.description).not.toMatch(/Role:/);
    expect(find("GET", "/api/v1/jobs").role).toBe("viewer");
    expect(find("GET", "/api/v1/openapi.json").role).toBe("public");
  });

  it("lists path and query parameters with type, required and description", () => {
    const status = find("GET", "/api/novita/v1/{route}/status/{id}");
    expect(status.parameters.map((row) => [row.name, row.in, row.required])).toEqual([
      ["route", "path", true],
      ["id", "path", true],
    ]);
    const list = find("GET", "/api/v1/jobs");
    const group = list.parameters.find((row) => row.name === "group")!;
    expect(group).toMatchObject({ in: "query", required: false });
    expect(group.type).toContain('"running"');
    expect(list.parameters.find((row) => row.name === "limit")).toMatchObject({ type: "integer" });
    expect(list.parameters.find((row) => row.name === "limit")!.description).toContain("Default: 50.");
    expect(list.parameters.find((row) => row.name === "from")!.type).toBe("string (date-time)");
  });

  it("lists the body's fields, nested objects one level down, and the answers", () => {
    const run = find("POST", "/api/v1/workflows/{id}/runs");
    expect(run.body).toMatchObject({ required: true, type: "WorkflowRunRequest" });
    const names = run.body!.fields.map((row) => row.name);
    expect(names).toEqual(expect.arrayContaining(["endpointId", "inputs", "count", "sweep", "sweep.seeds"]));
    expect(run.body!.fields.find((row) => row.name === "sweep.seeds")!.type).toBe("integer[]");
    expect(run.body!.fields.find((row) => row.name === "inputs")!.type).toMatch(/^record<string, string \| number/);
    const send = find("POST", "/api/v1/jobs");
    expect(send.body!.fields.filter((row) => row.required).map((row) => row.name)).toEqual(["endpointId", "input"]);
    expect(run.responses.map((row) => row.status)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "429"]));
    expect(run.responses.find((row) => row.status === "429")!.description).toMatch(/rate_limited/);
  });

  it("builds example calls: path placeholders, a query, a body of the required fields", () => {
    const send = find("POST", "/api/v1/jobs");
    expect(send.example).toEqual({
      method: "POST",
      url: "/api/v1/jobs",
      body: { endpointId: "<endpoint id>", input: { prompt: "a red apple on a table" } },
    });
    expect(find("GET", "/api/v1/jobs/{id}").example.url).toBe("/api/v1/jobs/<id>");
    expect(find("GET", "/api/v1/jobs").example.query).toEqual({ group: "queued" });
    expect(find("POST", "/api/v1/jobs/{id}/cancel").example.body).toBeUndefined();
    expect(find("GET", "/api/v1/outputs/{id}/download").example.answer).toBe("file");
    const run = find("POST", "/api/v1/workflows/{id}/runs").example;
    expect(run.body).toMatchObject({ inputs: { prompt: expect.any(String) } });
    expect(find("POST", "/api/novita/v1/{route}/run").example.body).toEqual({
      input: { prompt: "a red apple on a table" },
    });
  });

  it("every operation's snippets: curl with its method and token, a JSON body that parses, JS that parses", () => {
    const python: string[] = [];
    for (const operation of operations) {
      const where = `${operation.method} ${operation.path}`;
      const snippets = callSnippets({
        ...operation.example,
        url: `https://console.example.com${operation.example.url}`,
      });
      if (operation.method === "POST") expect(snippets.curl, where).toContain("curl -X POST");
      expect(snippets.curl, where).toContain("Bearer $CONSOLE_TOKEN");
      if (operation.example.body !== undefined) expect(() => JSON.parse(curlBody(snippets.curl)!), where).not.toThrow();
      expect(snippets.python, where).toContain(`requests.${operation.method.toLowerCase()}(`);
      expect(snippets.python, where).toContain('os.environ["CONSOLE_TOKEN"]');
      expect(() => parseJavaScript(snippets.javascript), where).not.toThrow();
      python.push(snippets.python);
    }
    // One Python parse for all of them (a process each is slow).
    if (hasPython) expect(pythonSyntaxError(python.join("\n\n"))).toBe("");
  });

  it("example values by type, and type labels", () => {
    expect(exampleOf(document, { type: "string" }, "name")).toBe("<name>");
    expect(exampleOf(document, { type: "integer", minimum: 3 })).toBe(3);
    expect(exampleOf(document, { type: "boolean" })).toBe(false);
    expect(exampleOf(document, { type: "array", items: { type: "number" } })).toEqual([1]);
    expect(
      exampleOf(document, { type: "object", properties: { a: { type: "string" }, b: {} }, required: ["a"] }),
    ).toEqual({
      a: "<a>",
    });
    expect(typeLabel(document, { $ref: "#/components/schemas/JobSummary" })).toBe("JobSummary");
    expect(typeLabel(document, { anyOf: [{ type: "string" }, { type: "null" }] })).toBe("string | null");
  });

  it("reads the document's inline Markdown", () => {
    expect(inlinePieces("Send `Authorization` with **a token**.")).toEqual([
      { kind: "text", text: "Send " },
      { kind: "code", text: "Authorization" },
      { kind: "text", text: " with " },
      { kind: "strong", text: "a token" },
      { kind: "text", text: "." },
    ]);
    const paragraphs = paragraphsOf(document.info.description!);
    expect(paragraphs.length).toBeGreaterThanOrEqual(4);
    expect(paragraphs.some((pieces) => pieces.some((piece) => piece.text.includes("4 MiB")))).toBe(true);
  });
});
