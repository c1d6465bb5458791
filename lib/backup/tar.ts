/**
 * Just enough of POSIX ustar to write and read the console's own backups: regular files only, streamed both ways, so
 * a backup of many gigabytes of outputs never sits in memory. The result opens with any `tar -xzf`.
 */

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;

export interface TarSource {
  name: string;
  size: number;
  mode?: number;
  body(): AsyncIterable<Uint8Array>;
}

export interface TarEntry {
  name: string;
  size: number;
}

export interface TarSink {
  write(chunk: Uint8Array): Promise<void> | void;
  end(): Promise<void> | void;
}

export class TarFormatError extends Error {
  override readonly name = "TarFormatError";
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", base: name };
  const cut = name.lastIndexOf("/", 155);
  const prefix = name.slice(0, cut);
  const base = name.slice(cut + 1);
  if (cut <= 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(base) > 100) {
    throw new TarFormatError(`a path too long for the backup format: ${name.slice(0, 80)}…`);
  }
  return { prefix, base };
}

function header(source: TarSource, mtime: number): Buffer {
  if (source.size > MAX_SIZE) throw new TarFormatError(`${source.name} is larger than 8 GiB`);
  const block = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(source.name);
  block.write(base, 0, 100, "utf8");
  block.write(octal(source.mode ?? 0o644, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(source.size, 12), 124, "ascii");
  block.write(octal(mtime, 12), 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write("0", 156, "ascii");
  block.write("ustar\0" + "00", 257, "ascii");
  block.write(prefix, 345, 155, "utf8");
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(octal(sum, 7) + " ", 148, "ascii");
  return block;
}

/** The archive's bytes, entry by entry; throws when a file's length differs from the size announced for it. */
export async function* writeTar(sources: Iterable<TarSource> | AsyncIterable<TarSource>): AsyncGenerator<Buffer> {
  const mtime = Math.floor(Date.now() / 1000);
  for await (const source of sources) {
    yield header(source, mtime);
    let written = 0;
    for await (const chunk of source.body()) {
      written += chunk.length;
      if (written > source.size) break;
      yield Buffer.from(chunk);
    }
    if (written !== source.size) throw new TarFormatError(`${source.name} changed while it was being read`);
    const padding = (BLOCK - (source.size % BLOCK)) % BLOCK;
    if (padding) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(BLOCK * 2);
}

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString("utf8");
}

function parseHeader(block: Buffer): TarEntry {
  const stored = parseInt(text(block, 148, 8).trim(), 8);
  const copy = Buffer.from(block);
  copy.write("        ", 148, "ascii");
  if (copy.reduce((total, byte) => total + byte, 0) !== stored) throw new TarFormatError("a damaged entry header");
  const type = text(block, 156, 1);
  if (type !== "0" && type !== "") throw new TarFormatError("an entry that is not a plain file");
  const size = parseInt(text(block, 124, 12).trim(), 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError("an entry with a bad size");
  const prefix = text(block, 345, 155);
  const base = text(block, 0, 100);
  return { name: prefix ? `${prefix}/${base}` : base, size };
}

/** Reads an archive from its (gunzipped) bytes; `open` is asked where each entry's bytes go. */
export async function readTar(
  source: AsyncIterable<Uint8Array>,
  open: (entry: TarEntry) => Promise<TarSink> | TarSink,
): Promise<void> {
  let pending = Buffer.alloc(0);
  let sink: TarSink | undefined;
  let remaining = 0;
  let padding = 0;
  let ended = false;
  for await (const chunk of source) {
    if (ended) continue;
    pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
    for (;;) {
      if (sink && remaining > 0) {
        if (!pending.length) break;
        const part = pending.subarray(0, Math.min(remaining, pending.length));
        await sink.write(part);
        remaining -= part.length;
        pending = pending.subarray(part.length);
      } else if (sink) {
        if (pending.length < padding) break;
        pending = pending.subarray(padding);
        await sink.end();
        sink = undefined;
      } else {
        if (pending.length < BLOCK) break;
        const block = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (block.every((byte) => byte === 0)) {
          ended = true;
          break;
        }
        const entry = parseHeader(block);
        sink = await open(entry);
        remaining = entry.size;
        padding = (BLOCK - (entry.size % BLOCK)) % BLOCK;
      }
    }
  }
  if (!ended) throw new TarFormatError("the archive ends early");
}
