import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodePngSize, encodePng, PNG_SIGNATURE } from "./png";

/** Splits a PNG into its chunks, checking each length stays inside the file. */
function chunksOf(png: Buffer): { type: string; data: Buffer }[] {
  const chunks: { type: string; data: Buffer }[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    chunks.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  expect(offset).toBe(png.length);
  return chunks;
}

describe("encodePng", () => {
  const width = 3;
  const height = 2;
  const rgba = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256);
  const png = encodePng(width, height, rgba);

  it("writes the signature, then IHDR, IDAT and IEND", () => {
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chunksOf(png).map((chunk) => chunk.type)).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("declares the size, 8-bit depth and RGBA colour type in IHDR", () => {
    const ihdr = chunksOf(png)[0]!.data;
    expect(ihdr.length).toBe(13);
    expect(ihdr.readUInt32BE(0)).toBe(width);
    expect(ihdr.readUInt32BE(4)).toBe(height);
    expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    expect(decodePngSize(png)).toEqual({ width, height });
  });

  it("stores rows of one filter byte plus width × 4 pixel bytes", () => {
    const idat = chunksOf(png).find((chunk) => chunk.type === "IDAT")!.data;
    const raw = inflateSync(idat);
    expect(raw.length).toBe(height * (1 + width * 4));
    expect(raw[0]).toBe(0);
    expect([...raw.subarray(1, 1 + width * 4)]).toEqual([...rgba.subarray(0, width * 4)]);
  });

  it("rejects pixel data of the wrong length", () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/expected 16 bytes/);
  });
});

describe("decodePngSize", () => {
  it("returns null for anything that is not a PNG", () => {
    expect(decodePngSize(Buffer.from("GIF89a, definitely not a png at all"))).toBeNull();
    expect(decodePngSize(PNG_SIGNATURE)).toBeNull();
  });
});
