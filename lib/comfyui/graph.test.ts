import { describe, expect, it } from "vitest";
import { fluxGuideWorkflow, guideWorkflow } from "./examples";
import { detectWorkflowFormat, outputNodeIds, parseWorkflowText, UI_FORMAT_EXPLANATION, validateGraph } from "./graph";

const uiSave = {
  last_node_id: 9,
  last_link_id: 9,
  nodes: [{ id: 3, type: "KSampler", widgets_values: [42, "randomize", 20, 8, "euler", "normal", 1] }],
  links: [[1, 4, 0, 3, 0, "MODEL"]],
  version: 0.4,
};

describe("format detection", () => {
  it("tells the API format, the UI save format and other JSON apart", () => {
    expect(detectWorkflowFormat(guideWorkflow())).toBe("api");
    expect(detectWorkflowFormat(fluxGuideWorkflow())).toBe("api");
    expect(detectWorkflowFormat(uiSave)).toBe("ui");
    expect(detectWorkflowFormat({ nodes: [], last_node_id: 0 })).toBe("ui");
    expect(detectWorkflowFormat({ prompt: "a cat" })).toBe("unknown");
    expect(detectWorkflowFormat([])).toBe("unknown");
    expect(detectWorkflowFormat({})).toBe("unknown");
    expect(detectWorkflowFormat("text")).toBe("unknown");
  });

  it("explains exactly how to export the API format, in both menus", () => {
    const text = UI_FORMAT_EXPLANATION.steps.join(" ");
    expect(text).toContain("Workflow → Export (API)");
    expect(text).toContain("Enable Dev mode Options");
    expect(text).toContain("Save (API Format)");
  });
});

describe("parsing what a person pastes", () => {
  it("reads a bare graph with no issues", () => {
    const parsed = parseWorkflowText(JSON.stringify(guideWorkflow()));
    expect(parsed).toMatchObject({ kind: "api", issues: [] });
  });

  it("unwraps the guide's job body and keeps its output_node_id", () => {
    const body = { input: { workflow: guideWorkflow(), output_node_id: "9" } };
    const parsed = parseWorkflowText(JSON.stringify(body));
    expect(parsed.kind).toBe("api");
    if (parsed.kind !== "api") return;
    expect(parsed.outputNodeId).toBe("9");
    expect(Object.keys(parsed.graph)).toHaveLength(7);
    expect(parseWorkflowText(JSON.stringify({ workflow: JSON.stringify(guideWorkflow()) })).kind).toBe("api");
  });

  it("refuses the UI format, bad JSON and unrelated JSON with a reason", () => {
    expect(parseWorkflowText(JSON.stringify(uiSave))).toEqual({ kind: "ui" });
    expect(parseWorkflowText("{ nope")).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("not valid JSON"),
    });
    expect(parseWorkflowText('{"prompt": "a cat"}')).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("class_type"),
    });
    expect(parseWorkflowText("   ")).toMatchObject({ kind: "invalid" });
  });

  it("flags an output_node_id that is not in the graph", () => {
    const parsed = parseWorkflowText(JSON.stringify({ input: { workflow: guideWorkflow(), output_node_id: "99" } }));
    expect(parsed.kind === "api" && parsed.issues.map((issue) => issue.message)).toEqual([
      "output_node_id “99” is not a node of this workflow.",
    ]);
  });
});

describe("validation", () => {
  it("accepts both guide workflows", () => {
    expect(validateGraph(guideWorkflow())).toEqual([]);
    expect(validateGraph(fluxGuideWorkflow())).toEqual([]);
  });

  it("names the node (id and title) of a link to a node that does not exist", () => {
    const graph = fluxGuideWorkflow();
    graph["8"]!.inputs.samples = ["30", 0];
    expect(validateGraph(graph)).toEqual([
      {
        nodeId: "8",
        nodeTitle: "VAE Decode",
        message: "node 8 “VAE Decode”: input “samples” links to node 30, which does not exist.",
      },
    ]);
  });

  it("refuses an output slot the linked node cannot have, and negative slots", () => {
    const graph = guideWorkflow();
    graph["8"]!.inputs.vae = ["4", 3];
    graph["6"]!.inputs.clip = ["4", -1];
    graph["3"]!.inputs.model = ["9", 0];
    const messages = validateGraph(graph).map((issue) => issue.message);
    const loader = "node 4 “CheckpointLoaderSimple”";
    const saveImage = "node 9 “SaveImage”";
    expect(messages).toContain(
      `node 8 “VAEDecode”: input “vae” links to output slot 3 of ${loader}, which has 3 outputs (slots 0–2).`,
    );
    expect(messages).toContain(
      `node 6 “CLIPTextEncode”: input “clip” links to output slot -1 of ${loader}; ` +
        "a slot is a whole number from 0.",
    );
    expect(messages).toContain(
      `node 3 “KSampler”: input “model” links to output slot 0 of ${saveImage}, which has no outputs.`,
    );
  });

  it("accepts any sane slot of an unknown (custom) node but not an absurd one", () => {
    const graph = guideWorkflow();
    graph["50"] = { class_type: "MyCustomNode", inputs: {} };
    graph["9"]!.inputs.images = ["50", 5];
    expect(validateGraph(graph)).toEqual([]);
    graph["9"]!.inputs.images = ["50", 500];
    expect(validateGraph(graph)[0]?.nodeId).toBe("9");
  });

  it("requires class_type and inputs on every node", () => {
    const graph: Record<string, unknown> = {
      ...guideWorkflow(),
      "10": { inputs: {}, _meta: { title: "Mystery" } },
      "11": { class_type: "Note" },
    };
    expect(validateGraph(graph)).toEqual([
      { nodeId: "10", nodeTitle: "Mystery", message: "node 10 “Mystery”: has no “class_type”." },
      { nodeId: "11", message: "node 11 “Note”: has no “inputs” object." },
    ]);
  });

  it("requires an output node", () => {
    const graph = guideWorkflow();
    delete graph["9"];
    const issues = validateGraph(graph);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/no output node.*SaveImage/);
    expect(issues[0]!.nodeId).toBeUndefined();
  });

  it("lists output nodes in id order", () => {
    const graph = guideWorkflow();
    graph["12"] = { class_type: "PreviewImage", inputs: { images: ["8", 0] } };
    graph["10"] = { class_type: "VHS_VideoCombine", inputs: { images: ["8", 0] } };
    expect(outputNodeIds(graph)).toEqual(["9", "10", "12"]);
  });
});
