import { describe, expect, it } from "vitest";
import { diffGraphs } from "./diff";
import { guideWorkflow } from "./examples";
import { graphEdges, layoutGraph } from "./layout";
import { buildJobInput, looksLikeComfyWorker, safeImageName } from "./job-input";

describe("version diff", () => {
  it("lists changed, added and removed node paths", () => {
    const before = guideWorkflow();
    const after = guideWorkflow();
    after["6"]!.inputs.text = "a pear";
    after["3"]!.inputs.steps = 20;
    delete after["7"];
    after["3"]!.inputs.negative = ["6", 0];
    after["10"] = { class_type: "PreviewImage", inputs: { images: ["8", 0] } };
    expect(diffGraphs(before, after)).toEqual([
      { path: "3.inputs.negative", change: "changed", before: ["7", 0], after: ["6", 0] },
      { path: "3.inputs.steps", change: "changed", before: 10, after: 20 },
      { path: "6.inputs.text", change: "changed", before: "a red apple on a table", after: "a pear" },
      { path: "7", change: "removed", before: "CLIPTextEncode" },
      { path: "10", change: "added", after: "PreviewImage" },
    ]);
    expect(diffGraphs(before, guideWorkflow())).toEqual([]);
  });
});

describe("graph layout", () => {
  it("puts loaders first and the output node last, with one edge per link", () => {
    const graph = guideWorkflow();
    const columns = Object.fromEntries(layoutGraph(graph).map((node) => [node.id, node.column]));
    expect(columns).toEqual({ "3": 2, "4": 0, "5": 0, "6": 1, "7": 1, "8": 3, "9": 4 });
    expect(graphEdges(graph)).toHaveLength(9);
  });

  it("survives a cycle", () => {
    const graph = { "1": { class_type: "A", inputs: { x: ["2", 0] } }, "2": { class_type: "B", inputs: { y: ["1", 0] } } };
    expect(layoutGraph(graph)).toHaveLength(2);
  });
});

describe("job input", () => {
  it("is the worker's shape, with output_node_id and images only when given", () => {
    const workflow = guideWorkflow();
    expect(buildJobInput(workflow)).toEqual({ workflow });
    expect(buildJobInput(workflow, { outputNodeId: "9", images: [{ name: "a.png", image: "AAAA" }] })).toEqual({
      workflow,
      output_node_id: "9",
      images: [{ name: "a.png", image: "AAAA" }],
    });
  });

  it("keeps uploaded file names safe and judges worker images", () => {
    expect(safeImageName("C:\\Users\\me\\my photo (1).png")).toBe("my_photo_1_.png");
    expect(safeImageName("../../etc/passwd")).toBe("passwd");
    expect(safeImageName("...")).toBe("input.png");
    expect(looksLikeComfyWorker("novitalabs/comfyui-worker:v0.0.1")).toBe(true);
    expect(looksLikeComfyWorker("runpod/worker-comfyui:5.5.0-flux1-dev")).toBe(true);
    expect(looksLikeComfyWorker("example/echo:latest")).toBe(false);
  });
});
