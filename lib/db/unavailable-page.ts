/**
 * The page every console page answers (503, from proxy.ts) while the database is missing: what happened, since
 * when, that nothing is lost, and that it reloads by itself. Plain HTML with no script and nothing to fetch, so it
 * needs neither the database nor the app's bundles.
 */
import { UNAVAILABLE_RETRY_AFTER_S } from "@/lib/errors";

export function databaseUnavailablePage(since: Date): Response {
  const time = since.toISOString().slice(11, 19);
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${UNAVAILABLE_RETRY_AFTER_S}"><title>Database unreachable · Novita Console</title>
<style>body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;padding:1.5rem;
box-sizing:border-box;color:#1f2328;background:#fcfcfd}main{max-width:32rem}h1{font-size:1.25rem}p{line-height:1.5;
color:#4b5563}@media (prefers-color-scheme:dark){body{color:#e5e7eb;background:#16181d}p{color:#9ca3af}}</style></head>
<body><main role="alert"><h1>The console's database is not answering</h1>
<p>Since ${time} UTC this console cannot reach its database. Nothing is lost: jobs already sent keep running on Novita,
and the console catches up on them once the database is back.</p>
<p>This page tries again every ${UNAVAILABLE_RETRY_AFTER_S} seconds. If it lasts, check the database server and the
console's <code>DATABASE_URL</code>.</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(UNAVAILABLE_RETRY_AFTER_S),
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}
