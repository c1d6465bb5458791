import { describe, expect, it } from "vitest";
import { diffGraphs } from "./diff";
import { guideWorkflow } from "./examples";

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
