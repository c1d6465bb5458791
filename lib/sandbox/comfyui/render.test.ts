import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { decodePngSize, PNG_SIGNATURE } from "./png";
import { renderWorkflow } from "./render";
import { seedWorkflow } from "./test-workflows";
import type { ApiWorkflow } from "./workflow";

const SAMPLE_PATH = "/tmp/sandbox-render-sample.png";

/** The seed workflow with some inputs of one node replaced. */
function withInputs(id: string, inputs: Record<string, unknown>, workflow = seedWorkflow()): ApiWorkflow {
  const node = workflow[id]!;
  workflow[id] = { ...node, inputs: { ...node.inputs, ...inputs } };
  return workflow;
}

function onlyPng(workflow: ApiWorkflow): Buffer {
  const { images } = renderWorkflow(workflow, { jobId: "job-1" });
  expect(images).toHaveLength(1);
  return images[0]!.png;
}

describe("renderWorkflow", () => {
  it("renders the seed workflow as one 512×512 PNG named like ComfyUI's", () => {
    const result = renderWorkflow(seedWorkflow(), { jobId: "job-1" });
    expect(result.steps).toBe(10);
    expect(result.images).toHaveLength(1);
    const [image] = result.images;
    expect(image).toMatchObject({ filename: "test_00001_.png", width: 512, height: 512, nodeId: "9" });
    expect(image!.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(decodePngSize(image!.png)).toEqual({ width: 512, height: 512 });
    writeFileSync(SAMPLE_PATH, image!.png);
  });

  it("renders 512×512 quickly", () => {
    renderWorkflow(seedWorkflow(), { jobId: "warm-up" });
    const runs = 10;
    const start = performance.now();
    for (let i = 0; i < runs; i++) renderWorkflow(withInputs("3", { seed: i }), { jobId: "timing" });
    const perImage = (performance.now() - start) / runs;
    console.log(`512×512 render + PNG encode: ${perImage.toFixed(1)} ms per image`);
  });

  it("renders batch_size images, each different, numbered across the job", () => {
    const { images } = renderWorkflow(withInputs("5", { batch_size: 3 }), { jobId: "job-1" });
    expect(images.map((image) => image.filename)).toEqual(["test_00001_.png", "test_00002_.png", "test_00003_.png"]);
    expect(new Set(images.map((image) => image.png.toString("base64"))).size).toBe(3);
  });

  it("is deterministic in seed and prompt", () => {
    const again = onlyPng(seedWorkflow());
    expect(onlyPng(seedWorkflow()).equals(again)).toBe(true);
    expect(onlyPng(withInputs("3", { seed: 43 })).equals(again)).toBe(false);
    expect(onlyPng(withInputs("6", { text: "a green pear on a table" })).equals(again)).toBe(false);
  });

  it("keeps batch images apart for seeds above 2^53, where seed + 1 === seed", () => {
    const { images } = renderWorkflow(withInputs("3", { seed: 2 ** 63 }, withInputs("5", { batch_size: 2 })), {
      jobId: "job-1",
    });
    expect(images[0]!.png.equals(images[1]!.png)).toBe(false);
  });

  it("uses the latent size, clamped to 16..2048 per side", () => {
    const [image] = renderWorkflow(withInputs("5", { width: 768, height: 320 }), { jobId: "job-1" }).images;
    expect(decodePngSize(image!.png)).toEqual({ width: 768, height: 320 });
    const [tiny] = renderWorkflow(withInputs("5", { width: 1, height: 100_000 }), { jobId: "job-1" }).images;
    expect(tiny).toMatchObject({ width: 16, height: 2048 });
  });

  it("renders only the output node chosen by output_node_id", () => {
    const workflow = seedWorkflow();
    workflow["10"] = { class_type: "SaveImage", inputs: { filename_prefix: "second", images: ["8", 0] } };
    expect(renderWorkflow(workflow, { jobId: "job-1" }).images.map((image) => image.filename)).toEqual([
      "test_00001_.png",
      "second_00002_.png",
    ]);
    const chosen = renderWorkflow(workflow, { jobId: "job-1", outputNodeId: "10" }).images;
    expect(chosen.map((image) => [image.nodeId, image.filename])).toEqual([["10", "second_00001_.png"]]);
  });

  it("throws, naming the id, when output_node_id is missing or not an image output", () => {
    expect(() => renderWorkflow(seedWorkflow(), { jobId: "job-1", outputNodeId: "99" })).toThrow(/"99"/);
    expect(() => renderWorkflow(seedWorkflow(), { jobId: "job-1", outputNodeId: "8" })).toThrow(
      /Node 8 \(VAEDecode\).*not a SaveImage or PreviewImage/,
    );
  });

  it("falls back to defaults when the graph has no latent or sampler settings", () => {
    const workflow: ApiWorkflow = {
      "1": { class_type: "KSampler", inputs: {} },
      "2": { class_type: "VAEDecode", inputs: { samples: ["1", 0] } },
      "3": { class_type: "SaveImage", inputs: { images: ["2", 0] } },
    };
    const result = renderWorkflow(workflow, { jobId: "job-1" });
    expect(result.steps).toBe(20);
    expect(result.images).toMatchObject([{ filename: "ComfyUI_00001_.png", width: 512, height: 512 }]);
  });

  it("names PreviewImage files ComfyUI_temp_<letters>, stable per job", () => {
    const workflow = seedWorkflow();
    workflow["9"] = { class_type: "PreviewImage", inputs: { images: ["8", 0] } };
    const first = renderWorkflow(workflow, { jobId: "job-a" }).images[0]!.filename;
    expect(first).toMatch(/^ComfyUI_temp_[a-z]{5}_00001_\.png$/);
    expect(renderWorkflow(workflow, { jobId: "job-a" }).images[0]!.filename).toBe(first);
    expect(renderWorkflow(workflow, { jobId: "job-b" }).images[0]!.filename).not.toBe(first);
  });

  it("traces a Flux SamplerCustomAdvanced graph and a two-pass hires fix", () => {
    const flux: ApiWorkflow = {
      "6": {
        class_type: "CLIPTextEncodeFlux",
        inputs: { clip_l: "a lighthouse", t5xxl: "a lighthouse", guidance: 3.5 },
      },
      "22": { class_type: "BasicGuider", inputs: { model: ["12", 0], conditioning: ["6", 0] } },
      "12": { class_type: "UNETLoader", inputs: { unet_name: "flux1-dev.safetensors" } },
      "25": { class_type: "RandomNoise", inputs: { noise_seed: 7 } },
      "16": { class_type: "KSamplerSelect", inputs: { sampler_name: "euler" } },
      "17": { class_type: "BasicScheduler", inputs: { model: ["12", 0], scheduler: "simple", steps: 28, denoise: 1 } },
      "27": { class_type: "EmptySD3LatentImage", inputs: { width: 1024, height: 768, batch_size: 1 } },
      "13": {
        class_type: "SamplerCustomAdvanced",
        inputs: { noise: ["25", 0], guider: ["22", 0], sampler: ["16", 0], sigmas: ["17", 0], latent_image: ["27", 0] },
      },
      "8": { class_type: "VAEDecode", inputs: { samples: ["13", 0], vae: ["10", 0] } },
      "10": { class_type: "VAELoader", inputs: { vae_name: "ae.safetensors" } },
      "9": { class_type: "SaveImage", inputs: { filename_prefix: "flux/lighthouse", images: ["8", 0] } },
    };
    const result = renderWorkflow(flux, { jobId: "job-1" });
    expect(result.steps).toBe(28);
    expect(result.images).toMatchObject([{ filename: "lighthouse_00001_.png", width: 1024, height: 768 }]);

    // Same seed and prompt as the flux graph, rendered through a plain KSampler: same picture.
    const plain = seedWorkflow();
    withInputs("3", { seed: 7 }, plain);
    withInputs("5", { width: 1024, height: 768 }, plain);
    withInputs("6", { text: "a lighthouse" }, plain);
    expect(renderWorkflow(plain, { jobId: "job-1" }).images[0]!.png.equals(result.images[0]!.png)).toBe(true);

    const hires = seedWorkflow();
    hires["11"] = {
      class_type: "LatentUpscale",
      inputs: { samples: ["3", 0], upscale_method: "nearest-exact", width: 768, height: 768, crop: "disabled" },
    };
    hires["12"] = { ...hires["3"]!, inputs: { ...hires["3"]!.inputs, latent_image: ["11", 0], steps: 25, seed: 5 } };
    withInputs("8", { samples: ["12", 0] }, hires);
    const upscaled = renderWorkflow(hires, { jobId: "job-1" });
    expect(upscaled.steps).toBe(25);
    expect(upscaled.images).toMatchObject([{ width: 768, height: 768 }]);
  });

  it("reads the prompt from the positive side only, through intermediate nodes", () => {
    const workflow = withInputs("3", { positive: ["20", 0] });
    workflow["20"] = {
      class_type: "ConditioningCombine",
      inputs: { conditioning_1: ["7", 0], conditioning_2: ["6", 0] },
    };
    // Positive now starts with the "blurry" text: the picture must match a plain graph using that prompt.
    const expected = onlyPng(withInputs("6", { text: "blurry, low quality" }));
    expect(onlyPng(workflow).equals(expected)).toBe(true);
  });

  it("throws a clear error when the only outputs are videos", () => {
    const workflow = seedWorkflow();
    workflow["9"] = { class_type: "VHS_VideoCombine", inputs: { images: ["8", 0] } };
    expect(() => renderWorkflow(workflow, { jobId: "job-1" })).toThrow(/renders images only/);
  });
});
