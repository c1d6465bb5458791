/** The request header in which `proxy.ts` passes the page's path, so a sign-in can return to it. */
export const PATH_HEADER = "x-console-path";

/** A stand-in origin: a return path is resolved against it and must stay on it. */
const OWN_ORIGIN = "http://console.invalid";

/**
 * Control characters (U+0000–U+001F, U+007F) and backslashes, raw or percent-encoded. Browsers drop tabs and
 * newlines from a URL and read `\` as `/`, so `/\t/evil.example` or `/\evil.example` would become `//evil.example`;
 * a raw newline in a Location header is a 500.
 */
const UNSAFE = /[\u0000-\u001f\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i;

/**
 * Only same-origin paths are followed after sign-in: the value is resolved against a fixed origin and must still be
 * on it (no `//evil.example`, `https://…`, `javascript:`), with no control character or backslash anywhere and no
 * encoded slash that makes the path start with `//`. Anything else gives `fallback`.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || UNSAFE.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN || encodedSlashesFirst(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** `/%2f%2fevil.example`: whatever decodes the path once (a proxy, a later redirect) would find `//` at its start. */
function encodedSlashesFirst(pathname: string): boolean {
  try {
    return decodeURIComponent(pathname).startsWith("//");
  } catch {
    return true;
  }
}
