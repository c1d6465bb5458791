import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTar, TarFormatError, writeTar, type TarSource } from "./tar";

const source = (name: string, bytes: Buffer): TarSource => ({
  name,
  size: bytes.length,
  body: async function* () {
    // In uneven pieces, as a file stream gives them.
    for (let at = 0; at < bytes.length; at += 333) yield bytes.subarray(at, at + 333);
  },
});

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function* inPieces(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const longName = `data/outputs/thumbs/ab/${"a".repeat(64)}.webp/${"b".repeat(40)}`;
const files = [
  source("manifest.json", Buffer.from('{"a":1}')),
  source("empty", Buffer.alloc(0)),
  source(longName, Buffer.alloc(5000, 7)),
];

describe("tar", () => {
  it("reads back what it wrote, whatever the chunk sizes, and system tar agrees", async () => {
    const archive = await collect(writeTar(files));
    for (const piece of [1, 511, 4096]) {
      const read: Record<string, Buffer> = {};
      await readTar(inPieces(archive, piece), (entry) => {
        const parts: Buffer[] = [];
        return {
          write: (chunk) => void parts.push(Buffer.from(chunk)),
          end: () => void (read[entry.name] = Buffer.concat(parts)),
        };
      });
      expect(Object.keys(read)).toEqual(["manifest.json", "empty", longName]);
      expect(read[longName]).toEqual(Buffer.alloc(5000, 7));
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), "console-tar-")), "a.tar");
    writeFileSync(file, archive);
    expect(execFileSync("tar", ["-tf", file]).toString().trim().split("\n")).toEqual([
      "manifest.json",
      "empty",
      longName,
    ]);
    expect(readFileSync(file).length % 512).toBe(0);
  });

  it("refuses a damaged header and an archive that ends early", async () => {
    const archive = await collect(writeTar(files));
    const damaged = Buffer.from(archive);
    damaged[3] = damaged[3]! ^ 1;
    const ignore = () => ({ write: () => {}, end: () => {} });
    await expect(readTar(inPieces(damaged, 4096), ignore)).rejects.toBeInstanceOf(TarFormatError);
    await expect(readTar(inPieces(archive.subarray(0, 2048), 4096), ignore)).rejects.toThrow(/ends early/);
  });
});
