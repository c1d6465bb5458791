/**
 * Where archived bytes live. Keys are made here from sha256 digests only (`blobs/ab/abcd…`), never from anything
 * a worker or a browser sent, and are checked again before touching the disk.
 */
import { createReadStream } from "node:fs";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";

export interface StoredObject {
  size: number;
  /** The bytes from `start` to `end` inclusive (a Range request), or all of them. */
  stream(range?: { start: number; end: number }): ReadableStream<Uint8Array>;
}

export interface OutputStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  has(key: string): Promise<boolean>;
  /** Undefined when the object is missing. */
  get(key: string): Promise<StoredObject | undefined>;
}

const KEY = /^(blobs|thumbs)\/[0-9a-f]{2}\/[0-9a-f]{64}(\.webp)?$/;

export function blobKey(sha256: string): string {
  return `blobs/${sha256.slice(0, 2)}/${sha256}`;
}

export function thumbnailKey(sha256: string): string {
  return `thumbs/${sha256.slice(0, 2)}/${sha256}.webp`;
}

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Not an output store key: ${JSON.stringify(key.slice(0, 80))}`);
}

/**
 * A folder (by default `DATA_DIR/outputs`); writes go to a temporary file first, so a reader never sees half a file.
 */
export class LocalOutputStore implements OutputStore {
  constructor(readonly root: string) {}

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.file(key))).isFile();
    } catch {
      return false;
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const file = this.file(key);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
      size = info.size;
    } catch {
      return undefined;
    }
    return {
      size,
      stream: (range) => Readable.toWeb(createReadStream(file, range)) as ReadableStream<Uint8Array>,
    };
  }
}
