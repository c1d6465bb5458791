import { describe, expect, it } from "vitest";
import { guideWorkflow } from "./examples";
import { graphEdges, layoutGraph } from "./layout";

describe("graph layout", () => {
  it("puts loaders first and the output node last, with one edge per link", () => {
    const graph = guideWorkflow();
    const columns = Object.fromEntries(layoutGraph(graph).map((node) => [node.id, node.column]));
    expect(columns).toEqual({ "3": 2, "4": 0, "5": 0, "6": 1, "7": 1, "8": 3, "9": 4 });
    expect(graphEdges(graph)).toHaveLength(9);
  });

  it("survives a cycle", () => {
    const graph = {
      "1": { class_type: "A", inputs: { x: ["2", 0] } },
      "2": { class_type: "B", inputs: { y: ["1", 0] } },
    };
    expect(layoutGraph(graph)).toHaveLength(2);
  });
});
