/**
 * The console's security headers, in one place for proxy.ts (pages: a CSP with a fresh nonce per request) and
 * next.config.ts (every response, API routes included). No imports: next.config.ts loads this file directly.
 */

/** Request header through which proxy.ts hands the page's nonce to the root layout. */
export const NONCE_HEADER = "x-nonce";

/**
 * Scripts: only Next's own, carrying this request's nonce ('strict-dynamic' lets them load their chunks).
 * Styles: 'unsafe-inline' because Radix, CodeMirror, recharts, sonner and @xyflow set style attributes in the
 * server-rendered HTML, which a nonce cannot cover. Everything else comes from this origin only.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For responses that are not pages (JSON, SSE, archived output files): nothing may run or embed them. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'; sandbox";

export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Origins (host[:port]) besides the console's own whose server-action POSTs are accepted: ALLOWED_ORIGINS. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) =>
      entry
        .trim()
        .replace(/^https?:\/\//i, "")
        .replace(/\/+$/, "")
        .toLowerCase(),
    )
    .filter(Boolean);
}

/**
 * What next.config.ts gives Next as `serverActions.allowedOrigins`: ALLOWED_ORIGINS plus PUBLIC_URL's host. Next
 * compares an action's Origin with the Host (or X-Forwarded-Host) it received; a proxy that rewrites Host would
 * otherwise refuse the console's own public address. PUBLIC_URL is that address by definition, so it counts.
 */
export function serverActionOrigins(env: { ALLOWED_ORIGINS?: string; PUBLIC_URL?: string }): string[] {
  const origins = parseAllowedOrigins(env.ALLOWED_ORIGINS);
  const publicUrl = env.PUBLIC_URL?.trim();
  if (publicUrl && URL.canParse(publicUrl)) {
    const { protocol, host } = new URL(publicUrl);
    if ((protocol === "https:" || protocol === "http:") && !origins.includes(host)) origins.push(host);
  }
  return origins;
}
