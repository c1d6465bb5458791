/**
 * Where archived bytes live. Keys are made here from sha256 digests only (`blobs/ab/abcd…`), never from anything
 * a worker or a browser sent, and are checked again before touching the disk.
 */
import { createReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
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

/**
 * The store could not take a write (disk full, read-only, permissions, a bucket that refuses): not the job's fault
 * and not to be given up on. The archiver keeps such jobs pending and tries again until the store takes writes.
 */
export class OutputStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OutputStoreError";
  }
}

/** What a failed write of the local store means, in words for the job page and the log. */
function describeWriteFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what: Record<string, string> = {
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up",
    EROFS: "the file system is read-only",
    EACCES: "the console may not write there",
    EPERM: "the console may not write there",
    ENOTDIR: "a file stands where a folder should be",
    EEXIST: "a file stands where a folder should be",
    EIO: "the disk reported an I/O error",
  };
  return `${code && what[code] ? what[code] : "it refused the write"}${code ? ` (${code})` : ""}`;
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
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {});
      throw new OutputStoreError(`The output store at ${this.root} cannot be written: ${describeWriteFailure(error)}`, {
        cause: error,
      });
    }
  }

  /**
   * Removes temporaries of writes cut short (a process killed mid-write) older than `maxAgeMs`; returns how many.
   * They were never served (reads take final names only); the age spares the writes of a replica at work now.
   */
  async sweepTemporaries(maxAgeMs = 3_600_000, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const top of ["blobs", "thumbs"]) {
      const shards = await readdir(path.join(this.root, top)).catch(() => [] as string[]);
      for (const shard of shards) {
        const folder = path.join(this.root, top, shard);
        for (const name of await readdir(folder).catch(() => [] as string[])) {
          if (!name.endsWith(".tmp")) continue;
          const file = path.join(folder, name);
          const info = await stat(file).catch(() => undefined);
          if (!info || now - info.mtimeMs < maxAgeMs) continue;
          await rm(file, { force: true });
          removed += 1;
        }
      }
    }
    return removed;
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
