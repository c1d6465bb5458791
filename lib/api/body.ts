import "server-only";
import { ConsoleError } from "@/lib/errors";
import { formatBytes } from "@/lib/format/bytes";

/** The console API's request limit, the same as Novita's per-job limit. */
export const API_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Reads a JSON body of at most `limit` bytes (declared or streamed), or throws an `invalid` ConsoleError that names
 * the problem: too large, not JSON, or empty (with `allowEmpty`, an empty body is `undefined`).
 */
export async function readJsonBody(
  request: Request,
  limit = API_BODY_LIMIT_BYTES,
  options: { allowEmpty?: boolean } = {},
): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(declared, limit);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(size, limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim() && options.allowEmpty) return undefined;
  if (!text.trim()) throw new ConsoleError("invalid", "The request has no body; send JSON.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ConsoleError("invalid", "The request body is not valid JSON.");
  }
}

function tooLarge(bytes: number, limit: number): ConsoleError {
  return new ConsoleError("invalid", `The request is over ${formatBytes(limit)} (${formatBytes(bytes)} or more).`);
}
