import { describe, expect, it } from "vitest";
import { EMPTY_CURATION } from "@/lib/comfyui/curation";
import { guideWorkflow } from "@/lib/comfyui/examples";
import type { ApiGraph } from "@/lib/comfyui/graph";
import type { WorkflowView } from "@/lib/workflows/service";
import { describeWorkflow, toRunRequest, workflowRunBodySchema } from "./workflow-inputs";

function workflowOf(graph: ApiGraph, defaultEndpointId: string | null = "ep-1"): WorkflowView {
  return {
    id: "wf",
    name: "Guide",
    description: "",
    latestVersion: 2,
    defaultEndpointId,
    curation: EMPTY_CURATION,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    versions: [
      { version: 2, graph, note: "", createdAt: "2025-01-02T00:00:00.000Z" },
      { version: 1, graph: guideWorkflow(), note: "Imported", createdAt: "2025-01-01T00:00:00.000Z" },
    ],
  };
}

const body = (value: unknown) => workflowRunBodySchema.parse(value);

describe("a run with named inputs", () => {
  it("becomes the run action's request: values by node path, a random seed, the default endpoint", () => {
    const request = toRunRequest(workflowOf(guideWorkflow()), body({ inputs: { prompt: "p", seed: "random" } }));
    expect(request).toEqual({
      workflowId: "wf",
      version: 2,
      endpointId: "ep-1",
      values: { "6.inputs.text": "p" },
      randomise: { "3.inputs.seed": true },
      images: [],
    });
  });

  it("carries an uploaded image into `images` under a safe, unique name", () => {
    const graph: ApiGraph = {
      ...guideWorkflow(),
      "20": { class_type: "LoadImage", inputs: { image: "example.png" } },
      "21": { class_type: "LoadImage", inputs: { image: "other.png" } },
    };
    const request = toRunRequest(
      workflowOf(graph),
      body({
        inputs: {
          input_image_node_20: { name: "../cat.png", image: "AAAA" },
          input_image_node_21: { name: "cat.png", image: "BBBB" },
        },
      }),
    );
    expect(request.images).toEqual([
      { name: "cat.png", image: "AAAA" },
      { name: "cat-2.png", image: "BBBB" },
    ]);
    expect(request.values).toEqual({ "20.inputs.image": "cat.png", "21.inputs.image": "cat-2.png" });
  });

  it("says what is missing or wrong", () => {
    expect(() => toRunRequest(workflowOf(guideWorkflow(), null), body({}))).toThrow(/no default endpoint/);
    expect(() =>
      toRunRequest(workflowOf(guideWorkflow()), body({ inputs: { seed: { name: "a", image: "A" } } })),
    ).toThrow(/Only an image field/);
    expect(() =>
      toRunRequest(workflowOf(guideWorkflow()), body({ sweep: { seedField: "prompt", seeds: [1] } })),
    ).toThrow(/Not a seed field/);
    expect(() => toRunRequest(workflowOf(guideWorkflow()), body({ count: 2, sweep: { seeds: [1] } }))).toThrow(
      /count or sweep.seeds/,
    );
    expect(() => toRunRequest(workflowOf(guideWorkflow()), body({ version: 9 }))).toThrow(/no version 9/);
    const noSeed = Object.fromEntries(Object.entries(guideWorkflow()).filter(([id]) => id !== "3")) as ApiGraph;
    expect(() => toRunRequest(workflowOf(noSeed), body({ count: 2 }))).toThrow(/no seed field/);
  });

  it("describes a version's form by name", () => {
    const described = describeWorkflow(workflowOf(guideWorkflow()), 1);
    expect(described.version).toBe(1);
    expect(described.fields.map((field) => field.name)).toContain("negative_prompt");
    expect(described.outputNodeIds).toEqual(["9"]);
    expect(described).not.toHaveProperty("curation");
  });
});
