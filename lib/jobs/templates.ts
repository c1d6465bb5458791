/** Input templates for the job editor, by the kind of worker an endpoint's image runs. Browser-safe. */

export type WorkerKind = "comfyui" | "sleep" | "echo";

/** Browser-side twin of the sandbox's `workerKindOf`: the kind of worker an image name suggests. */
export function workerKindOfImage(image: string): WorkerKind {
  const name = image.toLowerCase();
  if (name.includes("comfyui")) return "comfyui";
  if (name.includes("sleep")) return "sleep";
  return "echo";
}

export interface InputTemplate {
  id: WorkerKind;
  label: string;
  description: string;
  input: unknown;
}

/** The ComfyUI workflow from Novita's "create an async endpoint" guide (API format), saving from node "9". */
export function comfyuiGuideWorkflow(): Record<string, { class_type: string; inputs: Record<string, unknown> }> {
  return {
    "4": { class_type: "CheckpointLoaderSimple", inputs: { ckpt_name: "flux1-dev-fp8.safetensors" } },
    "5": { class_type: "EmptyLatentImage", inputs: { width: 512, height: 512, batch_size: 1 } },
    "6": { class_type: "CLIPTextEncode", inputs: { clip: ["4", 1], text: "a red apple on a table" } },
    "7": { class_type: "CLIPTextEncode", inputs: { clip: ["4", 1], text: "blurry, low quality" } },
    "3": {
      class_type: "KSampler",
      inputs: {
        model: ["4", 0],
        positive: ["6", 0],
        negative: ["7", 0],
        latent_image: ["5", 0],
        seed: 42,
        steps: 10,
        cfg: 7,
        sampler_name: "euler",
        scheduler: "normal",
        denoise: 1,
      },
    },
    "8": { class_type: "VAEDecode", inputs: { samples: ["3", 0], vae: ["4", 2] } },
    "9": { class_type: "SaveImage", inputs: { filename_prefix: "test", images: ["8", 0] } },
  };
}

export const INPUT_TEMPLATES: Record<WorkerKind, InputTemplate> = {
  echo: {
    id: "echo",
    label: "Echo",
    description: "The worker returns its input as the output.",
    input: { prompt: "a red apple on a table" },
  },
  sleep: {
    id: "sleep",
    label: "Sleep",
    description: "The worker waits the given number of seconds, then finishes.",
    input: { seconds: 5 },
  },
  comfyui: {
    id: "comfyui",
    label: "ComfyUI workflow",
    description: "The guide's text-to-image workflow (API format); the image comes from node 9.",
    // output_node_id first, so it shows at the top of the editor above the long workflow.
    input: { output_node_id: "9", workflow: comfyuiGuideWorkflow() },
  },
};

/** Templates to offer for an image: the one that fits it first, then the others. */
export function templatesForImage(image: string | undefined): InputTemplate[] {
  const all = [INPUT_TEMPLATES.echo, INPUT_TEMPLATES.sleep, INPUT_TEMPLATES.comfyui];
  if (!image) return all;
  const kind = workerKindOfImage(image);
  return [INPUT_TEMPLATES[kind], ...all.filter((template) => template.id !== kind)];
}

/** Pretty JSON as the editor shows it. */
export function templateText(template: InputTemplate): string {
  return JSON.stringify(template.input, null, 2);
}
