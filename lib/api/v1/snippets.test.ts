import { describe, expect, it } from "vitest";
import { curlBody, hasPython, parseJavaScript, pythonSyntaxError } from "@/tests/support/snippet-syntax";
import { callSnippets, pythonLiteral, shellQuote } from "./snippets";

const post = {
  method: "POST" as const,
  url: "https://console.example.com/api/v1/jobs",
  body: { endpointId: "ep-1", input: { prompt: 'it\'s a "pear"', strength: 0.5, tiled: false, mask: null } },
};

describe("API call snippets", () => {
  it("curl: -X POST, the Bearer header from $CONSOLE_TOKEN, a JSON body that parses back", () => {
    const { curl } = callSnippets(post);
    expect(curl).toContain('curl -X POST "https://console.example.com/api/v1/jobs"');
    expect(curl).toContain('-H "Authorization: Bearer $CONSOLE_TOKEN"');
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(JSON.parse(curlBody(curl)!)).toEqual(post.body);
  });

  it("curl: a GET has no -X, no body, and its query in the URL; a file is saved under its own name", () => {
    const { curl } = callSnippets({ method: "GET", url: "/api/v1/jobs", query: { group: "running" } });
    expect(curl).toBe('curl "/api/v1/jobs?group=running" \\\n  -H "Authorization: Bearer $CONSOLE_TOKEN"');
    expect(callSnippets({ method: "GET", url: "/x", answer: "file" }).curl).toMatch(/^curl -OJ "\/x"/);
  });

  it("Python: requests with the token from os.environ, the body as a Python literal", () => {
    const { python } = callSnippets(post);
    expect(python).toContain("requests.post(");
    expect(python).toContain('"Authorization": "Bearer " + os.environ["CONSOLE_TOKEN"]');
    expect(python).toContain('"tiled": False');
    expect(python).toContain('"mask": None');
    expect(python).not.toMatch(/\b(true|false|null)\b/);
    const get = callSnippets({ method: "GET", url: "/api/v1/jobs", query: { limit: "50" } }).python;
    expect(get).toContain("requests.get(");
    expect(get).toContain('params={\n        "limit": "50",\n    }');
  });

  it.skipIf(!hasPython)("Python snippets parse", () => {
    for (const call of [
      post,
      { method: "GET" as const, url: "/a", query: { q: "x" } },
      { ...post, answer: "file" as const },
    ])
      expect(pythonSyntaxError(callSnippets(call).python)).toBe("");
  });

  it("JavaScript: fetch with the token from process.env, and it parses", () => {
    const { javascript } = callSnippets(post);
    expect(javascript).toContain('await fetch("https://console.example.com/api/v1/jobs", {');
    expect(javascript).toContain('method: "POST"');
    expect(javascript).toContain("Authorization: `Bearer ${process.env.CONSOLE_TOKEN}`");
    expect(javascript).toContain("body: JSON.stringify(");
    parseJavaScript(javascript);
    parseJavaScript(callSnippets({ method: "GET", url: "/x", answer: "file" }).javascript);
  });

  it("quotes for the shell and for Python", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(pythonLiteral([])).toBe("[]");
    expect(pythonLiteral({})).toBe("{}");
    expect(pythonLiteral({ a: [1, true] })).toBe('{\n    "a": [\n        1,\n        True,\n    ],\n}');
  });
});
