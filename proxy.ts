import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/return-path";
import { databaseDownSince } from "@/lib/db/availability-state";
import { databaseUnavailablePage } from "@/lib/db/unavailable-page";
import { SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/security/action-body";
import { contentSecurityPolicy, NONCE_HEADER } from "@/lib/security/headers";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next puts it on its own scripts (it reads the
 * policy from the request headers), so only they run. Also passes the requested path to server components, so a
 * sign-in redirect can come back to it.
 *
 * A server action whose declared body is over the limit is answered 413 here, before anything reads it: Next would
 * read up to the limit and then answer 500 (signed in or not). A body without a declared length is left to Next.
 *
 * While this process finds its database missing, every page answers a 503 page that reloads by itself.
 */
export function proxy(request: NextRequest) {
  // The database missing (lib/db/availability.ts saw it): one honest 503 page, not a page that fails to render.
  const downSince = databaseDownSince();
  if (downSince) return databaseUnavailablePage(downSince);
  if (request.method === "POST" && request.headers.has("next-action")) {
    const declared = Number(request.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT_BYTES) {
      return new NextResponse(`Request body over the ${SERVER_ACTION_BODY_LIMIT} limit for server actions.`, {
        status: 413,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: not API routes, Next's assets or files in public/.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg).*)"],
};
