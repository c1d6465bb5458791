/**
 * The job input a ComfyUI worker expects, as in Novita's guide and the worker-comfyui contract:
 * `{"workflow": {<API format>}, "output_node_id"?: "9", "images"?: [{"name": "input.png", "image": "<base64>"}]}`.
 * Uploaded images travel inside the job (there is nowhere else to put them), so they count against the 4 MiB budget.
 * Browser-safe.
 */
import type { ApiGraph } from "./graph";

export interface UploadedImage {
  /** The file name the LoadImage node refers to. */
  name: string;
  /** Base64 without a data: prefix. */
  image: string;
}

export interface ComfyJobInput {
  workflow: ApiGraph;
  output_node_id?: string;
  images?: UploadedImage[];
}

/** The worker's job input for a graph, with the output node and images when given. */
export function buildJobInput(
  workflow: ApiGraph,
  options: { outputNodeId?: string; images?: UploadedImage[] } = {},
): ComfyJobInput {
  const input: ComfyJobInput = { workflow };
  if (options.outputNodeId) input.output_node_id = options.outputNodeId;
  if (options.images?.length) input.images = options.images;
  return input;
}

/** A file name safe for ComfyUI's input folder: no path parts, no odd characters, the extension kept. */
export function safeImageName(name: string, fallback = "input.png"): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^\.+/, "")
    .slice(-120);
  return cleaned || fallback;
}

/**
 * The safe name of an uploaded file that no other upload of the job has taken: two uploads with one name would
 * overwrite each other in the worker's input folder, so the second `photo.png` becomes `photo-2.png`.
 */
export function uniqueImageName(fileName: string, taken: ReadonlySet<string>): string {
  const safe = safeImageName(fileName);
  let name = safe;
  for (let index = 2; taken.has(name); index += 1) name = safe.replace(/(\.[^.]*)?$/, `-${index}$1`);
  return name;
}

/** Worker images that look like a ComfyUI worker; others get a warning before a run (they would not understand it). */
export function looksLikeComfyWorker(image: string | undefined): boolean {
  return !!image && /comfy/i.test(image);
}
