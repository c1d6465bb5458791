import { describe, expect, it } from "vitest";
import { EMPTY_CURATION } from "@/lib/comfyui/curation";
import { guideWorkflow } from "@/lib/comfyui/examples";
import { namedFields } from "@/lib/comfyui/field-names";
import { workflowRunBodySchema } from "@/lib/api/v1/workflow-inputs";
import { curlBody, hasPython, parseJavaScript, pythonSyntaxError } from "@/tests/support/snippet-syntax";
import { workflowApiSnippets, workflowRunBody } from "./api-snippets";

const fields = namedFields(guideWorkflow(), EMPTY_CURATION);
const ID = "0d5e4b4a-7c1e-4f7b-9a55-3d3c2b1a0f00";

describe("a workflow's API snippets", () => {
  it("the body names the form's shown fields, at the form's values or defaults", () => {
    const prompt = fields.find((field) => field.name === "prompt")!;
    const body = workflowRunBody({
      fields,
      values: { [prompt.path]: "a green pear on a plate" },
      defaultEndpointId: "ep-1",
    });
    expect(body.inputs).toMatchObject({
      prompt: "a green pear on a plate",
      negative_prompt: "blurry, low quality",
      seed: 42,
    });
    expect(Object.keys(body.inputs)).toEqual(fields.filter((field) => !field.hidden).map((field) => field.name));
    expect(body).not.toHaveProperty("endpointId");
    expect(body).not.toHaveProperty("version");
    expect(body.count).toBe(1);
    // The API's own schema takes it.
    expect(workflowRunBodySchema.safeParse(body).success).toBe(true);
  });

  it("asks for an endpoint when the workflow has no default, and names an older version", () => {
    const hidden = fields.map((field) => (field.name === "seed" ? { ...field, hidden: true } : field));
    const body = workflowRunBody({ fields: hidden, defaultEndpointId: null, version: 1, latestVersion: 2 });
    expect(body).toMatchObject({ endpointId: "<endpoint id>", version: 1 });
    expect(body.inputs).not.toHaveProperty("seed");
  });

  it("curl posts the runs and polls GET /api/v1/jobs/{id}, with the console token", () => {
    const body = workflowRunBody({ fields, defaultEndpointId: "ep-1" });
    const { curl } = workflowApiSnippets({ origin: "https://console.example.com", workflowId: ID, body });
    expect(curl).toContain(`curl -X POST "https://console.example.com/api/v1/workflows/${ID}/runs"`);
    expect(curl).toContain('-H "Authorization: Bearer $CONSOLE_TOKEN"');
    expect(JSON.parse(curlBody(curl)!)).toEqual(body);
    expect(curl).toContain('curl "https://console.example.com/api/v1/jobs/$JOB_ID"');
    expect(curl).not.toContain("NOVITA_API_KEY");
  });

  it("Python and JavaScript send the same body and poll until finished; both parse", () => {
    const body = workflowRunBody({
      fields,
      values: { [fields[0]!.path]: `it's "quoted" {braces}` },
      defaultEndpointId: null,
    });
    const { python, javascript } = workflowApiSnippets({ origin: "http://localhost:3000", workflowId: ID, body });
    expect(python).toContain(`requests.post(\n    "http://localhost:3000/api/v1/workflows/${ID}/runs"`);
    expect(python).toContain('os.environ["CONSOLE_TOKEN"]');
    expect(python).toContain('f"{BASE}/jobs/{job_id}"');
    expect(python).toContain('"count": 1');
    expect(javascript).toContain("process.env.CONSOLE_TOKEN");
    expect(javascript).toContain("`${BASE}/jobs/${sent.job.id}`");
    expect(javascript).toContain("while (!job.finished)");
    parseJavaScript(javascript);
    if (hasPython) expect(pythonSyntaxError(python)).toBe("");
  });

  it("sends the endpoint chosen in the form only when it is not the default", () => {
    const fields = [
      { name: "prompt", label: "Prompt", path: "6.inputs.text", kind: "prompt", hidden: false, defaultValue: "apple" },
    ] as const;
    const base = { fields: [...fields], defaultEndpointId: "ep-1" };
    expect(workflowRunBody({ ...base, endpointId: "ep-2" }).endpointId).toBe("ep-2");
    expect(workflowRunBody({ ...base, endpointId: "ep-1" }).endpointId).toBeUndefined();
    expect(workflowRunBody({ ...base, defaultEndpointId: null }).endpointId).toBe("<endpoint id>");
    expect(workflowRunBody({ ...base, values: { "6.inputs.text": "pear" } }).inputs).toEqual({ prompt: "pear" });
    const seed = {
      name: "seed",
      label: "Seed",
      path: "3.inputs.seed",
      kind: "seed" as const,
      hidden: false,
      defaultValue: 42,
    };
    // What the form holds as typed ("7") goes out as the number the field takes.
    expect(workflowRunBody({ ...base, fields: [seed], values: { "3.inputs.seed": "7" } }).inputs).toEqual({ seed: 7 });
    expect(workflowRunBody({ ...base, fields: [seed], values: { "3.inputs.seed": "x" } }).inputs).toEqual({
      seed: "x",
    });
  });
});
