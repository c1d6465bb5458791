/** Images inside a job's output, for inline previews. Browser-safe. */

export interface OutputImage {
  filename: string;
  /** A data: URL (base64 images) or an http(s) URL. */
  src: string;
}

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|webp|avif|bmp|svg)$/i;
const MIME_OF_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  bmp: "image/bmp",
};
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
const MAX_IMAGES = 50;
const MAX_DEPTH = 8;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

function isImageUrl(value: string): boolean {
  const url = httpUrl(value);
  return !!url && IMAGE_EXTENSION.test(url.pathname);
}

function filenameOfUrl(value: string, fallback: string): string {
  const url = httpUrl(value);
  const last = url?.pathname.split("/").filter(Boolean).pop();
  return last ? decodeURIComponent(last) : fallback;
}

/** The image's MIME type from its filename; PNG when unknown (ComfyUI's default). SVG is never inlined as data. */
function mimeOf(filename: string): string {
  const extension = filename.split(".").pop()?.toLowerCase() ?? "";
  return MIME_OF_EXTENSION[extension] ?? "image/png";
}

/** One `{filename, type, data}` entry of a worker's `images` array, or undefined when it is not an image. */
function fromImageEntry(entry: unknown, index: number): OutputImage | undefined {
  if (typeof entry === "string") return isImageUrl(entry) ? { filename: filenameOfUrl(entry, `image-${index + 1}`), src: entry } : undefined;
  if (!isRecord(entry)) return undefined;
  const data = typeof entry.data === "string" ? entry.data : typeof entry.url === "string" ? entry.url : undefined;
  if (!data) return undefined;
  const filename = typeof entry.filename === "string" && entry.filename ? entry.filename : `image-${index + 1}.png`;
  const type = typeof entry.type === "string" ? entry.type.toLowerCase() : undefined;
  if (type === "base64" || (type === undefined && !httpUrl(data))) {
    if (data.startsWith("data:image/") && !data.startsWith("data:image/svg")) return { filename, src: data };
    if (!BASE64.test(data)) return undefined;
    return { filename, src: `data:${mimeOf(filename)};base64,${data.replace(/\s/g, "")}` };
  }
  return httpUrl(data) ? { filename, src: data } : undefined;
}

/**
 * Finds images in an output: ComfyUI workers' `{"images": [{filename, type: "base64" | "s3_url", data}]}` (at any
 * depth) and plain http(s) URLs that name an image file.
 */
export function findOutputImages(output: unknown): OutputImage[] {
  const found: OutputImage[] = [];
  const seen = new Set<string>();
  const add = (image: OutputImage | undefined) => {
    if (!image || seen.has(image.src) || found.length >= MAX_IMAGES) return;
    seen.add(image.src);
    found.push(image);
  };
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || found.length >= MAX_IMAGES) return;
    if (typeof value === "string") {
      if (isImageUrl(value)) add({ filename: filenameOfUrl(value, `image-${found.length + 1}`), src: value });
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "images" && Array.isArray(child)) {
        child.forEach((entry, index) => {
          const image = fromImageEntry(entry, index);
          if (image) add(image);
          else visit(entry, depth + 1);
        });
      } else {
        visit(child, depth + 1);
      }
    }
  };
  visit(output, 0);
  return found;
}
