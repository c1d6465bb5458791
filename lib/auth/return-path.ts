/** The request header in which `proxy.ts` passes the page's path, so a sign-in can return to it. */
export const PATH_HEADER = "x-console-path";

/** Only same-site paths are followed after sign-in: no `//evil.example`, `https://…` or `/\evil`. */
export function safeReturnPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
