import { describe, expect, it } from "vitest";
import { seedWorkflow } from "./test-workflows";
import { detectWorkflowFormat, UI_FORMAT_ERROR, validateApiWorkflow } from "./workflow";

function errorsOf(workflow: unknown): string[] {
  const result = validateApiWorkflow(workflow);
  if (result.ok) throw new Error("expected validation to fail");
  return result.errors;
}

describe("detectWorkflowFormat", () => {
  it("tells API format, UI format and other JSON apart", () => {
    expect(detectWorkflowFormat(seedWorkflow())).toBe("api");
    expect(detectWorkflowFormat({ nodes: [], links: [] })).toBe("ui");
    expect(detectWorkflowFormat({ last_node_id: 9, nodes: [{ id: 1 }], links: [[1, 1, 0, 2, 0, "MODEL"]] })).toBe("ui");
    expect(detectWorkflowFormat({})).toBe("unknown");
    expect(detectWorkflowFormat([])).toBe("unknown");
    expect(detectWorkflowFormat("workflow")).toBe("unknown");
    expect(detectWorkflowFormat({ prompt: "a cat" })).toBe("unknown");
  });
});

describe("validateApiWorkflow", () => {
  it("accepts the seed workflow", () => {
    const workflow = seedWorkflow();
    expect(validateApiWorkflow(workflow)).toEqual({ ok: true, workflow });
  });

  it("names the node and input of a dangling link, by title when there is one", () => {
    const workflow = seedWorkflow();
    workflow["8"] = { ...workflow["8"]!, inputs: { samples: ["12", 0], vae: ["4", 2] } };
    workflow["8"]._meta = { title: "VAE Decode" };
    expect(errorsOf(workflow)).toEqual(['Node 8 (VAE Decode): input "samples" links to node 12, which does not exist']);
  });

  it("falls back to the class_type when there is no title", () => {
    const workflow = seedWorkflow();
    workflow["6"] = { ...workflow["6"]!, inputs: { clip: ["40", 1], text: "x" } };
    expect(errorsOf(workflow)).toEqual([
      'Node 6 (CLIPTextEncode): input "clip" links to node 40, which does not exist',
    ]);
  });

  it("rejects a negative or fractional output slot", () => {
    const workflow = seedWorkflow();
    workflow["8"] = { ...workflow["8"]!, inputs: { samples: ["3", -1], vae: ["4", 1.5] } };
    const errors = errorsOf(workflow);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^Node 8 \(VAEDecode\): input "samples" links to output slot -1 of node 3/);
    expect(errors[1]).toMatch(/^Node 8 \(VAEDecode\): input "vae" links to output slot 1.5 of node 4/);
  });

  it("reports a missing class_type, naming the node by id and title", () => {
    const workflow: Record<string, unknown> = seedWorkflow();
    workflow["5"] = { inputs: { width: 512, height: 512, batch_size: 1 } };
    workflow["7"] = { class_type: "", inputs: {}, _meta: { title: "Negative Prompt" } };
    expect(errorsOf(workflow)).toEqual([
      'Node 5: "class_type" is missing or empty',
      'Node 7 (Negative Prompt): "class_type" is missing or empty',
    ]);
  });

  it("reports nodes whose inputs are not an object, and nodes that are not objects", () => {
    const workflow: Record<string, unknown> = seedWorkflow();
    workflow["5"] = { class_type: "EmptyLatentImage", inputs: [512, 512] };
    workflow["10"] = "SaveImage";
    expect(errorsOf(workflow)).toEqual([
      'Node 5 (EmptyLatentImage): "inputs" must be an object',
      'Node 10: must be an object with "class_type" and "inputs"',
    ]);
  });

  it("requires an output node", () => {
    const workflow = seedWorkflow();
    delete workflow["9"];
    const errors = errorsOf(workflow);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/no output node/);
    expect(errors[0]).toMatch(/SaveImage/);
  });

  it("accepts video output nodes as outputs", () => {
    const workflow = seedWorkflow();
    workflow["9"] = { class_type: "VHS_VideoCombine", inputs: { images: ["8", 0], frame_rate: 8 } };
    expect(validateApiWorkflow(workflow).ok).toBe(true);
  });

  it("refuses UI format with one error explaining how to export the API format", () => {
    const errors = errorsOf({ nodes: [], links: [] });
    expect(errors).toEqual([UI_FORMAT_ERROR]);
    expect(errors[0]).toMatch(/UI format/);
    expect(errors[0]).toContain("Workflow → Export (API)");
    expect(errors[0]).toContain("Save (API Format)");
  });

  it("refuses values that are not workflows at all", () => {
    expect(errorsOf(null)[0]).toMatch(/JSON object mapping node ids/);
    expect(errorsOf([seedWorkflow()])[0]).toMatch(/JSON object mapping node ids/);
    expect(errorsOf({})).toEqual(["The workflow has no nodes."]);
  });
});
