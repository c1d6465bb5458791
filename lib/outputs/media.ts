/** What an archived file is (mime from magic bytes, dimensions) and its webp thumbnail, with sharp. */
import { createHash } from "node:crypto";
import sharp from "sharp";
import { THUMBNAIL_MAX_PX } from "./query";
import { sniffMedia, type SniffedMedia } from "./sniff";

export { THUMBNAIL_MAX_PX } from "./query";
const THUMBNAIL_QUALITY = 70;

export interface InspectedMedia extends SniffedMedia {
  sha256: string;
  bytes: number;
  width: number | null;
  height: number | null;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Undefined when the bytes are not an image/video format the gallery shows. */
export async function inspectMedia(bytes: Buffer): Promise<InspectedMedia | undefined> {
  const sniffed = sniffMedia(bytes);
  if (!sniffed) return undefined;
  let width: number | null = null;
  let height: number | null = null;
  if (sniffed.kind !== "video") {
    try {
      const metadata = await sharp(bytes, { animated: false }).metadata();
      width = metadata.width ?? null;
      height = metadata.height ?? null;
    } catch {
      // A truncated or odd image is still archived; it just has no dimensions.
    }
  }
  return { ...sniffed, sha256: sha256Of(bytes), bytes: bytes.length, width, height };
}

/**
 * A webp no larger than THUMBNAIL_MAX_PX square (GIFs: their first frame); undefined for videos and undecodable images.
 */
export async function makeThumbnail(bytes: Buffer, media: SniffedMedia): Promise<Buffer | undefined> {
  if (media.kind === "video") return undefined;
  try {
    return await sharp(bytes, { animated: false, limitInputPixels: 268_402_689 })
      .rotate()
      .resize(THUMBNAIL_MAX_PX, THUMBNAIL_MAX_PX, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: THUMBNAIL_QUALITY, effort: 2 })
      .toBuffer();
  } catch {
    return undefined;
  }
}
