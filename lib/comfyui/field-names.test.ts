import { describe, expect, it } from "vitest";
import { EMPTY_CURATION } from "./curation";
import { fluxGuideWorkflow, guideWorkflow } from "./examples";
import { identifierOf, namedFields } from "./field-names";
import type { ApiGraph } from "./graph";

describe("field names", () => {
  it("turns labels into identifiers", () => {
    expect(identifierOf("Negative prompt")).toBe("negative_prompt");
    expect(identifierOf("Prompt (CLIP-L)")).toBe("prompt_clip_l");
    expect(identifierOf("LoRA strength (model)")).toBe("lora_strength_model");
    expect(identifierOf("Seed · KSampler")).toBe("seed_ksampler");
    expect(identifierOf("Café crème")).toBe("cafe_creme");
  });

  it("names the guide workflow's fields after what the form shows", () => {
    const names = namedFields(guideWorkflow(), EMPTY_CURATION).map((field) => [field.name, field.path]);
    expect(names).toEqual([
      ["prompt", "6.inputs.text"],
      ["negative_prompt", "7.inputs.text"],
      ["seed", "3.inputs.seed"],
      ["steps", "3.inputs.steps"],
      ["width", "5.inputs.width"],
      ["height", "5.inputs.height"],
      ["batch_size", "5.inputs.batch_size"],
      ["cfg", "3.inputs.cfg"],
      ["denoise", "3.inputs.denoise"],
      ["sampler", "3.inputs.sampler_name"],
      ["scheduler", "3.inputs.scheduler"],
      ["checkpoint", "4.inputs.ckpt_name"],
    ]);
    expect(namedFields(fluxGuideWorkflow(), EMPTY_CURATION).map((field) => field.name)).toContain("prompt_clip_l");
  });

  it("follows the team's labels, and keeps names unique when labels collide", () => {
    const curation = { order: [], fields: { "7.inputs.text": { label: "Prompt" }, "3.inputs.seed": { hidden: true } } };
    const fields = namedFields(guideWorkflow(), curation);
    expect(fields.filter((field) => field.label === "Prompt").map((field) => field.name)).toEqual([
      "prompt_6",
      "prompt_7",
    ]);
    expect(fields.find((field) => field.path === "3.inputs.seed")).toMatchObject({ name: "seed", hidden: true });
    const graph: ApiGraph = structuredClone(guideWorkflow());
    graph["3b"] = structuredClone(graph["3"]!);
    const seeds = namedFields(graph, EMPTY_CURATION).filter((field) => field.kind === "seed");
    expect(seeds.map((field) => field.name)).toHaveLength(2);
    expect(new Set(namedFields(graph, EMPTY_CURATION).map((field) => field.name)).size).toBe(
      namedFields(graph, EMPTY_CURATION).length,
    );
  });
});
