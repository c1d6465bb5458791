/**
 * Finds the media files inside a worker's output, whatever its shape. Browser-safe: the archiver uses it on the
 * server, and the job page uses it for inline previews of outputs that are not archived (yet).
 *
 * Read liberally:
 * - ComfyUI workers: `{"images": [{filename, type: "base64" | "s3_url", data}]}` (also `videos`, `gifs`, `files`);
 * - any object with a `data` / `url` / `base64` string and a `filename` / `name` hint, at any depth;
 * - `data:image/…;base64,` and `data:video/…;base64,` strings anywhere;
 * - bare base64 strings whose first bytes are a known image/video format (magic bytes);
 * - http(s) URLs anywhere that name a media file, and any http(s) URL given as an entry's `data`/`url`.
 */
import { mediaOfFilename, mediaOfMime, sniffBase64, type OutputKind } from "./sniff";

export type OutputOrigin = { type: "base64"; data: string } | { type: "url"; url: string };

export interface FoundOutput {
  /** Order of discovery: the archive keeps it, so a job's outputs keep their order. */
  position: number;
  /** A safe file name (no path parts), with an extension when one could be told. */
  filename: string;
  /** A guess (from the name, the data: URL or magic bytes); the archiver confirms it from the bytes. */
  kind: OutputKind | undefined;
  mime: string | undefined;
  origin: OutputOrigin;
}

const MAX_FILES = 100;
const MAX_DEPTH = 10;
/** Shorter strings are words, ids or hashes, not files. */
const MIN_BARE_BASE64 = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DATA_URL = /^data:((?:image|video)\/[a-z0-9.+-]+)(?:;[^,]*)?;base64,/i;
const ENTRY_DATA_KEYS = ["data", "url", "base64", "b64", "b64_json", "content", "video", "image", "file"];
const ENTRY_NAME_KEYS = ["filename", "file_name", "name", "fileName"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function httpUrl(value: string): URL | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file name that is safe to show and to send in Content-Disposition: the last path part only, no control
 * characters, quotes or separators, at most 120 characters, ending in `extension` when one is given.
 */
export function safeFilename(name: string | undefined, fallback: string, extension?: string): string {
  const last = (name ?? "").split(/[\\/]/).pop() ?? "";
  let cleaned = last
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"'`<>:|?*%;]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 120);
  if (!cleaned) cleaned = fallback;
  if (extension) {
    const current = /\.([a-z0-9]{2,5})$/i.exec(cleaned)?.[1]?.toLowerCase();
    const same =
      current === extension ||
      (current === "jpeg" && extension === "jpg") ||
      (current === "m4v" && extension === "mp4");
    if (!same) cleaned = `${cleaned.replace(/\.[a-z0-9]{2,5}$/i, "")}.${extension}`;
  }
  return cleaned;
}

function filenameOfUrl(url: URL): string | undefined {
  const last = url.pathname.split("/").filter(Boolean).pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function stripWhitespace(value: string): string {
  return /\s/.test(value) ? value.replace(/\s/g, "") : value;
}

export function findOutputFiles(output: unknown): FoundOutput[] {
  const found: FoundOutput[] = [];
  const seen = new Set<string>();

  const add = (origin: OutputOrigin, hint: { name?: string; mime?: string }) => {
    if (found.length >= MAX_FILES) return;
    const key = origin.type === "url" ? origin.url : origin.data;
    if (seen.has(key)) return;
    seen.add(key);
    const media =
      (origin.type === "base64" ? sniffBase64(origin.data) : undefined) ??
      (hint.mime ? mediaOfMime(hint.mime) : undefined) ??
      (hint.name ? mediaOfFilename(hint.name) : undefined);
    const position = found.length;
    const fallback = `output-${position + 1}`;
    found.push({
      position,
      filename: safeFilename(hint.name, fallback, media?.extension),
      kind: media?.kind,
      mime: media?.mime,
      origin,
    });
  };

  /** A string value: a data: URL, a media URL, or bare base64 of a known format. `asEntry`: an entry's own data. */
  const fromString = (value: string, name: string | undefined, asEntry: boolean, declaredType?: string): boolean => {
    const dataUrl = DATA_URL.exec(value);
    if (dataUrl) {
      if (/svg/i.test(dataUrl[1]!)) return false;
      add({ type: "base64", data: stripWhitespace(value.slice(dataUrl[0].length)) }, { name, mime: dataUrl[1] });
      return true;
    }
    const url = httpUrl(value.trim());
    if (url) {
      const urlName = filenameOfUrl(url);
      const named = mediaOfFilename(url.pathname) ?? (name ? mediaOfFilename(name) : undefined);
      if (!named && !asEntry) return false;
      add({ type: "url", url: url.toString() }, { name: name ?? urlName });
      return true;
    }
    if (declaredType && declaredType !== "base64" && asEntry) return false;
    if (value.length < (asEntry ? 8 : MIN_BARE_BASE64)) return false;
    const compact = stripWhitespace(value);
    if (!BASE64.test(compact.slice(0, 4096)) || !BASE64.test(compact.slice(-4096))) return false;
    // A bare string must prove it is media by its magic bytes; an entry's data may lean on its file name.
    const sniffed = sniffBase64(compact);
    if (!sniffed && !(asEntry && name && mediaOfFilename(name))) return false;
    add({ type: "base64", data: compact }, { name });
    return true;
  };

  const fromEntry = (entry: Record<string, unknown>): boolean => {
    const nameKey = ENTRY_NAME_KEYS.find((key) => typeof entry[key] === "string" && entry[key]);
    const name = nameKey ? (entry[nameKey] as string) : undefined;
    const type = typeof entry.type === "string" ? entry.type.toLowerCase() : undefined;
    for (const key of ENTRY_DATA_KEYS) {
      const value = entry[key];
      if (typeof value === "string" && value && fromString(value, name, Boolean(name || type), type)) return true;
    }
    return false;
  };

  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    if (typeof value === "string") {
      fromString(value, undefined, false);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isRecord(value)) return;
    if (fromEntry(value)) return;
    for (const child of Object.values(value)) visit(child, depth + 1);
  };

  visit(output, 0);
  return found;
}

/** What the browser can show of a found file without the archive: a data: URL or the http(s) URL itself. */
export interface InlinePreview {
  filename: string;
  kind: OutputKind;
  src: string;
}

export function inlinePreviews(output: unknown): InlinePreview[] {
  return findOutputFiles(output).flatMap((file) => {
    if (file.origin.type === "url")
      return [{ filename: file.filename, kind: file.kind ?? "image", src: file.origin.url }];
    // Bytes nobody could recognise are not put into a data: URL the browser would have to guess at.
    if (!file.mime) return [];
    return [
      { filename: file.filename, kind: file.kind ?? "image", src: `data:${file.mime};base64,${file.origin.data}` },
    ];
  });
}
