/**
 * Copyable calls of the console's API in curl, Python `requests` and JavaScript `fetch`, reading the reader's own
 * console token from the environment (`$CONSOLE_TOKEN`): the API page's examples and a workflow's API tab.
 * Browser-safe.
 */

export type CodeLanguage = "curl" | "python" | "javascript";

/** The languages in the order the tabs show them. */
export const CODE_LANGUAGES: { value: CodeLanguage; label: string }[] = [
  { value: "curl", label: "curl" },
  { value: "python", label: "Python" },
  { value: "javascript", label: "JavaScript" },
];

/** The environment variable every snippet reads the console token from. */
export const TOKEN_VARIABLE = "CONSOLE_TOKEN";

/** One HTTP call as a snippet makes it. */
export interface ApiCall {
  method: "GET" | "POST";
  /** Absolute (or, before the page knows its origin, relative) URL without the query. */
  url: string;
  query?: Record<string, string>;
  /** The JSON body; none for a GET or a POST without one. */
  body?: unknown;
  /** What comes back: JSON (printed) or a file (saved). */
  answer?: "json" | "file";
}

/** `text` as one shell word in single quotes (`'` becomes `'\''`). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** `text` in shell double quotes: `$VARIABLES` still expand, quotes, backslashes and backticks are escaped. */
function shellDoubleQuote(text: string): string {
  return `"${text.replace(/["\\`]/g, (character) => `\\${character}`)}"`;
}

function indentLines(text: string, indent: string): string {
  return text.replaceAll("\n", `\n${indent}`);
}

/** A JSON value as a Python literal (`True`, `False`, `None`), indented by four spaces a level. */
export function pythonLiteral(value: unknown, level = 0): string {
  const pad = "    ".repeat(level + 1);
  const close = "    ".repeat(level);
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "None";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    return `[\n${value.map((item) => `${pad}${pythonLiteral(item, level + 1)},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return "{}";
  const lines = entries.map(([key, item]) => `${pad}${JSON.stringify(key)}: ${pythonLiteral(item, level + 1)},`);
  return `{\n${lines.join("\n")}\n${close}}`;
}

/** A JSON value as JavaScript (JSON is JavaScript), indented by two spaces a level. */
export function javascriptLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function queryString(query: Record<string, string> | undefined): string {
  const search = new URLSearchParams(query ?? {}).toString();
  return search ? `?${search}` : "";
}

/** The call in curl. */
export function curlCall(call: ApiCall): string {
  const lines = [
    `curl${call.method === "GET" ? "" : ` -X ${call.method}`}${call.answer === "file" ? " -OJ" : ""} ${shellDoubleQuote(
      call.url + queryString(call.query),
    )}`,
    `-H "Authorization: Bearer $${TOKEN_VARIABLE}"`,
  ];
  if (call.body !== undefined) {
    lines.push(`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(call.body, null, 2))}`);
  }
  return lines.join(" \\\n  ");
}

/** The call with Python `requests`, printing the JSON answer (or saving the file). */
export function pythonCall(call: ApiCall): string {
  const args = [
    JSON.stringify(call.url),
    `headers={"Authorization": "Bearer " + os.environ[${JSON.stringify(TOKEN_VARIABLE)}]}`,
  ];
  if (call.query && Object.keys(call.query).length) args.push(`params=${pythonLiteral(call.query, 1)}`);
  if (call.body !== undefined) args.push(`json=${pythonLiteral(call.body, 1)}`);
  const after =
    call.answer === "file"
      ? 'with open("output", "wb") as file:\n    file.write(response.content)'
      : "print(response.json())";
  return [
    "import os",
    "import requests",
    "",
    `response = requests.${call.method.toLowerCase()}(`,
    ...args.map((arg) => `    ${arg},`),
    ")",
    "response.raise_for_status()",
    after,
  ].join("\n");
}

/** The call with `fetch` (Node 18+ or a browser module), logging the JSON answer (or saving the file). */
export function javascriptCall(call: ApiCall): string {
  const headers = [`Authorization: \`Bearer \${process.env.${TOKEN_VARIABLE}}\``];
  if (call.body !== undefined) headers.push(`"Content-Type": "application/json"`);
  const options = [`  method: "${call.method}",`, `  headers: { ${headers.join(", ")} },`];
  if (call.body !== undefined)
    options.push(`  body: JSON.stringify(${indentLines(javascriptLiteral(call.body), "  ")}),`);
  const after =
    call.answer === "file"
      ? [
          'const { writeFile } = await import("node:fs/promises");',
          'await writeFile("output", new Uint8Array(await response.arrayBuffer()));',
        ]
      : ["console.log(await response.json());"];
  return [
    `const response = await fetch(${JSON.stringify(call.url + queryString(call.query))}, {`,
    ...options,
    "});",
    "if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);",
    ...after,
  ].join("\n");
}

/** The call in every language. */
export function callSnippets(call: ApiCall): Record<CodeLanguage, string> {
  return { curl: curlCall(call), python: pythonCall(call), javascript: javascriptCall(call) };
}
