import { describe, expect, it } from "vitest";
import { fluxGuideWorkflow, guideWorkflow } from "./examples";
import {
  applyValues,
  defaultValues,
  extractFields,
  fieldProblem,
  resolveSeeds,
  splitFieldPath,
  valueProblems,
  type WorkflowField,
} from "./fields";

const byPath = (fields: WorkflowField[]) => Object.fromEntries(fields.map((field) => [field.path, field]));

describe("form extraction", () => {
  it("builds the guide workflow's form: prompts first, then seed, sizes and the rest", () => {
    const fields = extractFields(guideWorkflow());
    expect(fields.map((field) => [field.path, field.label, field.kind, field.group])).toEqual([
      ["6.inputs.text", "Prompt", "prompt", "basic"],
      ["7.inputs.text", "Negative prompt", "prompt", "basic"],
      ["3.inputs.seed", "Seed", "seed", "basic"],
      ["3.inputs.steps", "Steps", "integer", "advanced"],
      ["5.inputs.width", "Width", "integer", "basic"],
      ["5.inputs.height", "Height", "integer", "basic"],
      ["5.inputs.batch_size", "Batch size", "integer", "advanced"],
      ["3.inputs.cfg", "CFG", "number", "advanced"],
      ["3.inputs.denoise", "Denoise", "number", "advanced"],
      ["3.inputs.sampler_name", "Sampler", "choice", "advanced"],
      ["3.inputs.scheduler", "Scheduler", "choice", "advanced"],
      ["4.inputs.ckpt_name", "Checkpoint", "model", "advanced"],
    ]);
    expect(byPath(fields)["6.inputs.text"]!.defaultValue).toBe("a red apple on a table");
    expect(byPath(fields)["3.inputs.seed"]!.defaultValue).toBe(42);
    expect(byPath(fields)["3.inputs.sampler_name"]!.suggestions).toContain("euler");
  });

  it("reads the Flux workflow: both prompts, noise via ConditioningZeroOut, SD3 latent, UNet and VAE", () => {
    const fields = byPath(extractFields(fluxGuideWorkflow()));
    expect(fields["41.inputs.clip_l"]).toMatchObject({
      label: "Prompt (CLIP-L)",
      kind: "prompt",
      nodeTitle: "CLIP Text Encode Flux",
    });
    expect(fields["41.inputs.t5xxl"]).toMatchObject({ label: "Prompt (T5-XXL)", kind: "prompt" });
    expect(fields["41.inputs.guidance"]).toMatchObject({ kind: "number", group: "advanced" });
    expect(fields["31.inputs.seed"]).toMatchObject({ kind: "seed", defaultValue: 890266796055272 });
    expect(fields["27.inputs.width"]).toMatchObject({ kind: "integer", defaultValue: 1024 });
    expect(fields["38.inputs.unet_name"]).toMatchObject({ kind: "model", label: "UNet" });
    expect(fields["39.inputs.vae_name"]).toMatchObject({ kind: "model", label: "VAE" });
    expect(fields["40.inputs.clip_name1"]).toMatchObject({ kind: "model" });
    // Linked inputs are never fields.
    expect(fields["31.inputs.model"]).toBeUndefined();
  });

  it("offers noise_seed, LoRA names, LoadImage uploads, and tells two seeds apart by node", () => {
    const graph = guideWorkflow();
    graph["20"] = {
      class_type: "KSamplerAdvanced",
      inputs: { noise_seed: 7, steps: 4, cfg: 1, model: ["4", 0] },
      _meta: { title: "Refiner" },
    };
    graph["21"] = {
      class_type: "LoraLoader",
      inputs: {
        lora_name: "style.safetensors",
        strength_model: 0.8,
        strength_clip: 1,
        model: ["4", 0],
        clip: ["4", 1],
      },
    };
    graph["22"] = { class_type: "LoadImage", inputs: { image: "example.png", upload: "image" } };
    const fields = byPath(extractFields(graph));
    expect(fields["20.inputs.noise_seed"]).toMatchObject({ kind: "seed", label: "Seed · Refiner" });
    expect(fields["3.inputs.seed"]).toMatchObject({ label: "Seed · node 3" });
    expect(fields["21.inputs.lora_name"]).toMatchObject({ kind: "model", label: "LoRA" });
    expect(fields["21.inputs.strength_model"]).toMatchObject({ kind: "number" });
    expect(fields["22.inputs.image"]).toMatchObject({ kind: "image", group: "basic", defaultValue: "example.png" });
    expect(fields["22.inputs.upload"]).toBeUndefined();
  });

  it("keeps a sensible order when the database reorders the inputs (jsonb sorts keys by length)", () => {
    const graph = fluxGuideWorkflow();
    const { clip_l, t5xxl, guidance, clip } = graph["41"]!.inputs;
    graph["41"]!.inputs = { clip, t5xxl, clip_l, guidance };
    const { width, height, batch_size } = graph["27"]!.inputs;
    graph["27"]!.inputs = { height, width, batch_size };
    const paths = extractFields(graph).map((field) => field.path);
    expect(paths.indexOf("41.inputs.clip_l")).toBeLessThan(paths.indexOf("41.inputs.t5xxl"));
    expect(paths.indexOf("27.inputs.width")).toBeLessThan(paths.indexOf("27.inputs.height"));
  });

  it("splits node paths, including node ids with dots", () => {
    expect(splitFieldPath("6.inputs.text")).toEqual({ nodeId: "6", input: "text" });
    expect(splitFieldPath("12.3.inputs.seed")).toEqual({ nodeId: "12.3", input: "seed" });
    expect(splitFieldPath("6.text")).toBeUndefined();
  });
});

describe("applying values", () => {
  it("writes values into a copy of the graph, as numbers where the field is numeric", () => {
    const graph = guideWorkflow();
    const fields = extractFields(graph);
    const applied = applyValues(graph, fields, {
      ...defaultValues(fields),
      "6.inputs.text": "a green pear",
      "3.inputs.seed": "1234",
      "5.inputs.width": "768",
      "3.inputs.cfg": "6.5",
    });
    expect(applied["6"]!.inputs.text).toBe("a green pear");
    expect(applied["3"]!.inputs.seed).toBe(1234);
    expect(applied["5"]!.inputs.width).toBe(768);
    expect(applied["3"]!.inputs.cfg).toBe(6.5);
    expect(applied["3"]!.inputs.model).toEqual(["4", 0]);
    // The original is untouched.
    expect(graph["6"]!.inputs.text).toBe("a red apple on a table");
  });

  it("ignores values for paths the graph does not have", () => {
    const graph = guideWorkflow();
    const fields = extractFields(graph);
    const applied = applyValues(graph, fields, { "99.inputs.text": "x", "3.inputs.model": "overwritten?" });
    expect(applied).toEqual(graph);
  });

  it("checks values against their field", () => {
    const fields = byPath(extractFields(guideWorkflow()));
    expect(fieldProblem(fields["3.inputs.seed"]!, "-1")).toBe("Use at least 0.");
    expect(fieldProblem(fields["3.inputs.seed"]!, "1.5")).toBe("Use a whole number.");
    expect(fieldProblem(fields["3.inputs.steps"]!, "ten")).toBe("Enter a number.");
    expect(fieldProblem(fields["3.inputs.cfg"]!, "7.5")).toBeUndefined();
    expect(fieldProblem(fields["6.inputs.text"]!, "")).toBeUndefined();
    expect(fieldProblem(fields["5.inputs.width"]!, "")).toBe("Enter width.");
    expect(
      valueProblems(Object.values(fields), { ...defaultValues(Object.values(fields)), "5.inputs.height": "8" }),
    ).toEqual({ "5.inputs.height": "Use at least 16." });
  });

  it("randomises only the seeds marked so, within the safe integer range", () => {
    const fields = extractFields(guideWorkflow());
    const values = defaultValues(fields);
    expect(resolveSeeds(fields, values, {}, () => 0.5)["3.inputs.seed"]).toBe(42);
    const seed = resolveSeeds(fields, values, { "3.inputs.seed": true }, () => 0.999999)["3.inputs.seed"];
    expect(Number.isSafeInteger(seed)).toBe(true);
    expect(seed).toBeGreaterThan(42);
    expect(resolveSeeds(fields, values, { "3.inputs.seed": true }, () => 0)["3.inputs.seed"]).toBe(0);
  });
});
