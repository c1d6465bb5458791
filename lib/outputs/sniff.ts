/**
 * What a file is, from its first bytes (never from its name or a server's Content-Type alone). Browser-safe.
 * Only the media the gallery shows are recognised; SVG is deliberately absent (it can carry script).
 */
export type OutputKind = "image" | "gif" | "video";

export interface SniffedMedia {
  mime: string;
  kind: OutputKind;
  extension: string;
}

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/** The bytes needed to recognise every format below. */
export const SNIFF_BYTES = 16;

export function sniffMedia(bytes: Uint8Array): SniffedMedia | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG") return { mime: "image/png", kind: "image", extension: "png" };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { mime: "image/jpeg", kind: "image", extension: "jpg" };
  if (ascii(bytes, 0, 4) === "GIF8") return { mime: "image/gif", kind: "gif", extension: "gif" };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP")
    return { mime: "image/webp", kind: "image", extension: "webp" };
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return { mime: "video/webm", kind: "video", extension: "webm" };
  if (ascii(bytes, 4, 4) === "ftyp") {
    const brand = ascii(bytes, 8, 4);
    if (brand === "avif" || brand === "avis") return { mime: "image/avif", kind: "image", extension: "avif" };
    if (brand === "qt  ") return { mime: "video/quicktime", kind: "video", extension: "mov" };
    return { mime: "video/mp4", kind: "video", extension: "mp4" };
  }
  return undefined;
}

/** Decodes just enough of a base64 string to sniff it (works in the browser and in Node). */
export function sniffBase64(data: string): SniffedMedia | undefined {
  const head = data.slice(0, 32).replace(/\s/g, "");
  if (head.length < 8) return undefined;
  try {
    const usable = head.slice(0, head.length - (head.length % 4));
    const binary = atob(usable);
    return sniffMedia(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

const KIND_OF_EXTENSION: Record<string, SniffedMedia> = {
  png: { mime: "image/png", kind: "image", extension: "png" },
  jpg: { mime: "image/jpeg", kind: "image", extension: "jpg" },
  jpeg: { mime: "image/jpeg", kind: "image", extension: "jpg" },
  webp: { mime: "image/webp", kind: "image", extension: "webp" },
  avif: { mime: "image/avif", kind: "image", extension: "avif" },
  gif: { mime: "image/gif", kind: "gif", extension: "gif" },
  mp4: { mime: "video/mp4", kind: "video", extension: "mp4" },
  m4v: { mime: "video/mp4", kind: "video", extension: "mp4" },
  mov: { mime: "video/quicktime", kind: "video", extension: "mov" },
  webm: { mime: "video/webm", kind: "video", extension: "webm" },
};

/** A guess from a file name (`clip.mp4`), for hints before the bytes are at hand. */
export function mediaOfFilename(filename: string): SniffedMedia | undefined {
  const extension = /\.([a-z0-9]{2,5})$/i.exec(filename)?.[1]?.toLowerCase();
  return extension ? KIND_OF_EXTENSION[extension] : undefined;
}

/** A guess from a `data:` URL's media type. */
export function mediaOfMime(mime: string): SniffedMedia | undefined {
  const lower = mime.toLowerCase();
  return Object.values(KIND_OF_EXTENSION).find((media) => media.mime === lower);
}
