import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, OPENAPI_PATH } from "@/lib/api/v1/openapi";
import { paragraphsOf, referenceOf, type OpenApiDocument } from "@/lib/api/v1/reference";
import { ApiReference } from "./api-reference";

const document = JSON.parse(JSON.stringify(buildOpenApiDocument())) as OpenApiDocument;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

describe("ApiReference", () => {
  const html = renderToStaticMarkup(
    <ApiReference
      tags={referenceOf(document)}
      notes={paragraphsOf(document.info.description!)}
      documentPath={OPENAPI_PATH}
    />,
  );

  it("has a heading with an anchor per operation and a section per tag, and the contents link to them", () => {
    expect(html).toContain('<h3 id="runWorkflow"');
    expect(html).toContain('id="tag-novita-compatible-gateway"');
    expect(html).toContain('href="#runWorkflow"');
    expect(text(html)).toContain("POST /api/v1/workflows/{id}/runs");
    expect(text(html)).toContain("POST /api/novita/v1/{route}/run");
  });

  it("shows the token header, the links and the document's limits", () => {
    expect(text(html)).toContain("Authorization: Bearer $CONSOLE_TOKEN");
    expect(html).toContain('href="/settings/tokens"');
    expect(html).toContain(`href="${OPENAPI_PATH}"`);
    expect(text(html)).toContain("4 MiB");
    expect(text(html)).toContain("20 requests a second");
  });

  it("renders the examples (curl first) and the parameter tables", () => {
    expect(html).toContain('aria-label="curl example, GET /api/v1/jobs"');
    expect(text(html)).toContain('-H "Authorization: Bearer $CONSOLE_TOKEN"');
    expect(html).toContain('aria-label="Parameters of GET /api/v1/jobs"');
    expect(html).toContain('aria-label="Body of POST /api/v1/workflows/{id}/runs"');
  });
});
