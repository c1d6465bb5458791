import { crc32, deflateSync } from "node:zlib";

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const BYTES_PER_PIXEL = 4; // 8-bit RGBA
const COLOR_TYPE_RGBA = 6;
const FILTER_NONE = 0;

/**
 * Encodes an 8-bit RGBA image as a PNG.
 *
 * `rgba` holds `width * height * 4` bytes, row-major, top row first.
 * Every row uses filter type 0 (None): the pictures the sandbox renders are
 * smooth, so zlib compresses them well enough without per-row filter search.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  assertDimension("width", width);
  assertDimension("height", height);
  const expected = width * height * BYTES_PER_PIXEL;
  if (rgba.length !== expected) {
    throw new Error(`encodePng: expected ${expected} bytes of RGBA for ${width}×${height}, got ${rgba.length}`);
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdrData(width, height)),
    chunk("IDAT", deflateSync(withFilterBytes(width, height, rgba))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Reads width and height from a PNG's IHDR chunk, or null when the buffer is
 * not a PNG (wrong signature, truncated, or IHDR not the first chunk).
 */
export function decodePngSize(buffer: Uint8Array): { width: number; height: number } | null {
  // signature (8) + length (4) + type (4) + width (4) + height (4)
  if (buffer.length < 24) return null;
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) return null;
  return { width, height };
}

function assertDimension(name: string, value: number): void {
  // The PNG spec limits dimensions to 2^31 - 1; zero is not allowed.
  if (!Number.isInteger(value) || value < 1 || value > 0x7fffffff) {
    throw new Error(`encodePng: ${name} must be a positive integer, got ${value}`);
  }
}

function ihdrData(width: number, height: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data.writeUInt8(8, 8); // bit depth
  data.writeUInt8(COLOR_TYPE_RGBA, 9);
  data.writeUInt8(0, 10); // compression: deflate
  data.writeUInt8(0, 11); // filter method: adaptive (the only one defined)
  data.writeUInt8(0, 12); // interlace: none
  return data;
}

/** PNG scanlines each start with a filter-type byte; prepend one per row. */
function withFilterBytes(width: number, height: number, rgba: Uint8Array): Buffer {
  const rowBytes = width * BYTES_PER_PIXEL;
  const raw = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const target = y * (rowBytes + 1);
    raw[target] = FILTER_NONE;
    raw.set(rgba.subarray(y * rowBytes, (y + 1) * rowBytes), target + 1);
  }
  return raw;
}

/** length (4) + type (4) + data + CRC32 over type and data (4). */
function chunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, "latin1");
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  data.copy(out, 8);
  out.writeUInt32BE(crc32(data, crc32(typeBytes)), 8 + data.length);
  return out;
}
