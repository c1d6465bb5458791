import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ConnectionCheck, ProbeRow } from "@/lib/novita/check";
import { ConnectionCheckReport } from "./connection-check-report";

const probe = (overrides: Partial<ProbeRow>): ProbeRow => ({
  call: "List endpoints",
  request: "GET /endpoints?pageSize=20&pageNum=0",
  surface: "management",
  status: 200,
  ms: 12,
  verdict: "ok",
  missing: [],
  extra: [],
  note: undefined,
  ...overrides,
});

const report = (rows: ProbeRow[]): ConnectionCheck => ({
  rows,
  ok: rows.every((row) => row.verdict !== "mismatch"),
  checkedAt: "2026-01-02T03:04:05.000Z",
});

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&");

describe("ConnectionCheckReport", () => {
  it("is a table with a caption, the five columns and one row per call; new fields on a matching row are muted", () => {
    const html = renderToStaticMarkup(
      <ConnectionCheckReport
        apiHost="127.0.0.1:8790"
        report={report([
          probe({ extra: ["endpoints[].log"] }),
          probe({
            call: "Endpoint health",
            request: "GET /{route}/health",
            surface: "jobs",
            status: undefined,
            ms: undefined,
            verdict: "skipped",
            note: "no serving endpoint to ask",
          }),
          probe({
            call: "Health of ep-1",
            request: "GET /ep-1-ep-1/health",
            surface: "jobs",
            status: 404,
            verdict: "info",
            note: "this route-name form is not the one the gateway uses",
          }),
        ])}
      />,
    );
    expect(html).toMatch(/<table[^>]*>.*<caption[^>]*>Calls to 127\.0\.0\.1:8790, checked 2 Jan 2026, 03:04:05 UTC\./);
    expect([...html.matchAll(/<th[^>]*scope="col"[^>]*>(.*?)<\/th>/g)].map((match) => match[1])).toEqual([
      "Call",
      "Request",
      "HTTP status",
      "Time",
      "Result",
    ]);
    expect(text(html)).toContain("All 2 calls answered as the console expects (1 skipped).");
    expect(text(html)).toContain("GET /endpoints?pageSize=20&pageNum=0");
    expect(text(html)).toContain("12 ms");
    const newField = /<p[^>]*><span[^>]*>New: <\/span><code[^>]*>endpoints\[\]\.log<\/code>/;
    expect(html).toMatch(new RegExp(`<div class="[^"]*text-muted-foreground[^"]*">${newField.source}`));
    expect(text(html)).toContain("Matches");
    expect(text(html)).toContain("Skipped");
    expect(text(html)).toContain("Not this form");
    expect(text(html)).not.toContain("Mismatch");
    expect(text(html)).not.toContain("Missing:");
  });

  it("shows a mismatch in red with what was missing and what was new under its row", () => {
    const html = renderToStaticMarkup(
      <ConnectionCheckReport
        apiHost="api.novita.ai"
        report={report([
          probe({ verdict: "mismatch", missing: ["endpoints[].state.state"], extra: ["endpoints[].status"] }),
          probe({
            call: "Endpoint limits",
            request: "GET /endpoint/limit",
            status: undefined,
            verdict: "mismatch",
            note: "fetch failed",
          }),
          probe({ call: "Network storage" }),
        ])}
      />,
    );
    expect(text(html)).toContain("2 of 3 calls did not answer as expected.");
    expect(text(html)).toContain("Missing: endpoints[].state.state");
    expect(text(html)).toContain("New: endpoints[].status");
    expect(text(html)).toContain("no answer");
    expect(text(html)).toContain("fetch failed");
    expect(html.match(/data-verdict="mismatch"/g)).toHaveLength(2);
    expect(html).toMatch(/role="status"[^>]*class="[^"]*text-destructive/);
  });
});
