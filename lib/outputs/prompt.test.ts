import { describe, expect, it } from "vitest";
import { promptAndSeed } from "./prompt";

describe("promptAndSeed", () => {
  it("follows a ComfyUI graph from the sampler to its positive and negative encoders", () => {
    const workflow = {
      "6": { class_type: "CLIPTextEncode", inputs: { text: "blurry" } },
      "7": { class_type: "CLIPTextEncode", inputs: { text: "a red apple" } },
      "3": { class_type: "KSampler", inputs: { seed: 42, positive: ["7", 0], negative: ["6", 0] } },
    };
    expect(promptAndSeed({ workflow })).toEqual({ prompt: "a red apple", negativePrompt: "blurry", seed: "42" });
    expect(promptAndSeed({ prompt: workflow })).toEqual({
      prompt: "a red apple",
      negativePrompt: "blurry",
      seed: "42",
    });
  });

  it("reads Flux graphs (noise_seed, t5xxl through a guidance node)", () => {
    const graph = {
      "1": { class_type: "CLIPTextEncodeFlux", inputs: { t5xxl: "a lighthouse", clip_l: "lighthouse" } },
      "2": { class_type: "FluxGuidance", inputs: { conditioning: ["1", 0], guidance: 3.5 } },
      "3": { class_type: "BasicGuider", inputs: { conditioning: ["2", 0] } },
      "4": { class_type: "RandomNoise", inputs: { noise_seed: 123456789012 } },
    };
    expect(promptAndSeed(graph)).toMatchObject({ prompt: "a lighthouse", seed: "123456789012" });
  });

  it("reads plain inputs and node-path keys", () => {
    expect(promptAndSeed({ prompt: "a cat", seed: 7 })).toEqual({ prompt: "a cat", negativePrompt: null, seed: "7" });
    expect(promptAndSeed({ "6.inputs.text": "a dog", "3.inputs.seed": 9 })).toEqual({
      prompt: "a dog",
      negativePrompt: null,
      seed: "9",
    });
    expect(promptAndSeed(null)).toEqual({ prompt: null, negativePrompt: null, seed: null });
  });
});
