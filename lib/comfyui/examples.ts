/** The workflows of Novita's guides, offered as examples on the import screen and used by the tests. Browser-safe. */
import { comfyuiGuideWorkflow } from "@/lib/jobs/templates";
import type { ApiGraph } from "./graph";

/** The text-to-image workflow of "Create an async endpoint" (ComfyUI worker), saving from node 9. */
export function guideWorkflow(): ApiGraph {
  return comfyuiGuideWorkflow();
}

/** The Flux workflow of the older guide (runpod/worker-comfyui), exported with `_meta` titles. */
export function fluxGuideWorkflow(): ApiGraph {
  return {
    "8": { inputs: { samples: ["31", 0], vae: ["39", 0] }, class_type: "VAEDecode", _meta: { title: "VAE Decode" } },
    "9": {
      inputs: { filename_prefix: "ComfyUI", images: ["8", 0] },
      class_type: "SaveImage",
      _meta: { title: "Save Image" },
    },
    "27": {
      inputs: { width: 1024, height: 1024, batch_size: 1 },
      class_type: "EmptySD3LatentImage",
      _meta: { title: "Empty Latent Image (SD3)" },
    },
    "31": {
      inputs: {
        seed: 890266796055272,
        steps: 20,
        cfg: 1,
        sampler_name: "euler",
        scheduler: "simple",
        denoise: 1,
        model: ["38", 0],
        positive: ["41", 0],
        negative: ["42", 0],
        latent_image: ["27", 0],
      },
      class_type: "KSampler",
      _meta: { title: "K Sampler" },
    },
    "38": {
      inputs: { unet_name: "flux1-dev.safetensors", weight_dtype: "default" },
      class_type: "UNETLoader",
      _meta: { title: "UNet Loader" },
    },
    "39": { inputs: { vae_name: "ae.safetensors" }, class_type: "VAELoader", _meta: { title: "VAE Loader" } },
    "40": {
      inputs: {
        clip_name1: "clip_l.safetensors",
        clip_name2: "t5xxl_fp8_e4m3fn.safetensors",
        type: "flux",
        device: "default",
      },
      class_type: "DualCLIPLoader",
      _meta: { title: "Dual CLIP Loader" },
    },
    "41": {
      inputs: {
        clip_l:
          "A beautiful fantasy dog with long curly red hair and big blue eyes, wearing a green transparent fairy " +
          "dress with lace and puffed sleeves. Surrounded by iridescent butterflies and giant glass roses, dreamy " +
          "lighting, ethereal atmosphere, soft glow, magical realism, highly detailed, cinematic, 8K render.\n",
        t5xxl:
          "A fairy tale scene of a fire dog with red curly hair wearing a delicate blue dress, standing among " +
          "crystal butterflies and glowing glass roses. The scene is filled with soft magical light, like a dream " +
          "from a fantasy world.",
        guidance: 3.5,
        clip: ["40", 0],
      },
      class_type: "CLIPTextEncodeFlux",
      _meta: { title: "CLIP Text Encode Flux" },
    },
    "42": {
      inputs: { conditioning: ["41", 0] },
      class_type: "ConditioningZeroOut",
      _meta: { title: "Conditioning Zero Out" },
    },
  };
}
