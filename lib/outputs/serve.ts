/**
 * HTTP responses for archived files. The output id from the URL is only compared in SQL; the store key comes from
 * the database row (made from a sha256), so no request can name a path.
 */
import type { Database } from "@/lib/db/client";
import { ConsoleError, errorResponse } from "@/lib/errors";
import { findOutputFile } from "./gallery";
import type { OutputStore } from "./store";

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  // Opened on its own, an archived file can run nothing and reach nothing.
  "content-security-policy": "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
};

/** `attachment; filename="…"; filename*=UTF-8''…` with an ASCII fallback (RFC 6266 / 5987). */
export function contentDisposition(filename: string, disposition: "inline" | "attachment"): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "output";
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function notFound(): Response {
  return errorResponse(new ConsoleError("not_found", "No such output."));
}

function parseRange(header: string | null, size: number): { start: number; end: number } | "invalid" | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return "invalid";
  let start: number;
  let end: number;
  if (!match[1]) {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  }
  return start > end || start >= size ? "invalid" : { start, end };
}

/** The original bytes (Range supported, for video seeking); `download` (or `?download`) sends it as an attachment. */
export async function serveOutput(
  db: Database,
  store: OutputStore,
  id: string,
  request: Request,
  options: { download?: boolean } = {},
): Promise<Response> {
  const row = await findOutputFile(db, id);
  if (!row) return notFound();
  const object = await store.get(row.storageKey);
  if (!object) return notFound();
  const download = options.download ?? new URL(request.url).searchParams.has("download");
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    "content-type": row.mime,
    "content-disposition": contentDisposition(row.filename, download ? "attachment" : "inline"),
    "cache-control": "private, max-age=31536000, immutable",
    etag: `"${row.sha256}"`,
    "accept-ranges": "bytes",
  };
  if (request.headers.get("if-none-match") === `"${row.sha256}"`) return new Response(null, { status: 304, headers });
  const range = parseRange(request.headers.get("range"), object.size);
  if (range === "invalid")
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${object.size}` } });
  if (range) {
    return new Response(object.stream(range), {
      status: 206,
      headers: {
        ...headers,
        "content-range": `bytes ${range.start}-${range.end}/${object.size}`,
        "content-length": String(range.end - range.start + 1),
      },
    });
  }
  return new Response(object.stream(), { headers: { ...headers, "content-length": String(object.size) } });
}

/** The webp thumbnail; content-addressed, so cached for a year. 404 for videos (the UI shows an icon). */
export async function serveThumbnail(
  db: Database,
  store: OutputStore,
  id: string,
  request: Request,
): Promise<Response> {
  const row = await findOutputFile(db, id);
  if (!row?.thumbnailKey) return notFound();
  const object = await store.get(row.thumbnailKey);
  if (!object) return notFound();
  const headers = {
    ...SECURITY_HEADERS,
    "content-type": "image/webp",
    "cache-control": "private, max-age=31536000, immutable",
    etag: `"t-${row.sha256}"`,
    "content-length": String(object.size),
  };
  if (request.headers.get("if-none-match") === headers.etag) return new Response(null, { status: 304, headers });
  return new Response(object.stream(), { headers });
}
