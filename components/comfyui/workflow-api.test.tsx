import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EMPTY_CURATION } from "@/lib/comfyui/curation";
import { guideWorkflow } from "@/lib/comfyui/examples";
import { namedFields } from "@/lib/comfyui/field-names";
import { WorkflowApi } from "./workflow-api";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");

describe("WorkflowApi", () => {
  it("shows the run's curl with the named inputs, links the API page's operation, and explains going direct", () => {
    const html = renderToStaticMarkup(
      <WorkflowApi
        workflowId="wf-1"
        version={1}
        latestVersion={1}
        defaultEndpointId="ep-1"
        fields={namedFields(guideWorkflow(), EMPTY_CURATION)}
        valuesNote="the form's default values (version 1)"
      />,
    );
    expect(html).toContain('aria-label="curl snippet"');
    expect(text(html)).toContain('curl -X POST "/api/v1/workflows/wf-1/runs"');
    expect(text(html)).toContain('"negative_prompt": "blurry, low quality"');
    expect(html).toContain('href="/api-reference#runWorkflow"');
    expect(html).toContain('href="/endpoints/ep-1?tab=api"');
    expect(text(html)).toContain("under the token's owner");
  });
});
