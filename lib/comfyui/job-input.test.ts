import { describe, expect, it } from "vitest";
import { guideWorkflow } from "./examples";
import { buildJobInput, looksLikeComfyWorker, safeImageName, uniqueImageName } from "./job-input";

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

  it("gives a second upload of one name a numbered name", () => {
    expect(uniqueImageName("my photo.png", new Set())).toBe("my_photo.png");
    expect(uniqueImageName("my photo.png", new Set(["my_photo.png", "my_photo-2.png"]))).toBe("my_photo-3.png");
    expect(uniqueImageName("scan", new Set(["scan"]))).toBe("scan-2");
  });
});
