/**
 * A request path Next cannot decode — a `%` not followed by two hex digits, or bytes that are not UTF-8, in a
 * dynamic segment — is answered 500 by Next 16's router (vercel/next.js#94278), and a NUL in a segment reaches the
 * database as an id Postgres refuses (another 500). proxy.ts refuses both with 400 first. Browser-safe.
 */
import { ConsoleError } from "@/lib/errors";

export function checkPathEncoding(pathname: string): ConsoleError | undefined {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return new ConsoleError("invalid", "The address is not validly percent-encoded.");
    }
    if (decoded.includes("\u0000")) return new ConsoleError("invalid", "The address holds a NUL character.");
  }
  return undefined;
}
