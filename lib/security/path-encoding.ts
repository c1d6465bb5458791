/**
 * A request path Next cannot decode — a `%` not followed by two hex digits, or bytes that are not UTF-8, in a
 * dynamic segment — is answered 500 by Next 16's router (vercel/next.js#94278), and a NUL in a segment reaches the
 * database as an id Postgres refuses (another 500). proxy.ts refuses both with 400 first. Browser-safe.
 * The NUL check leaves the console's own API routes alone: `guardRoute` and the REST API refuse a control character
 * in a path parameter themselves, naming the parameter (`fields.id`); the gateway (/api/novita/) does not.
 */
import { ConsoleError } from "@/lib/errors";

export function checkPathEncoding(pathname: string): ConsoleError | undefined {
  const namesItsParameters = pathname.startsWith("/api/") && !pathname.startsWith("/api/novita/");
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return new ConsoleError("invalid", "The address is not validly percent-encoded.");
    }
    if (!namesItsParameters && decoded.includes("\u0000"))
      return new ConsoleError("invalid", "The address holds a NUL character.");
  }
  return undefined;
}
