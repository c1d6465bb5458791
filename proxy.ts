import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/return-path";
import { databaseDownSince } from "@/lib/db/availability-state";
import { databaseUnavailablePage } from "@/lib/db/unavailable-page";
import { SERVER_ACTION_BODY_LIMIT, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/security/action-body";
import { errorResponse } from "@/lib/errors";
import { checkActionBody, checkActionOrigin } from "@/lib/security/action-request";
import { checkPathEncoding } from "@/lib/security/path-encoding";
import { contentSecurityPolicy, NONCE_HEADER, serverActionOrigins } from "@/lib/security/headers";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next puts it on its own scripts (it reads the
 * policy from the request headers), so only they run. Also passes the requested path to server components, so a
 * sign-in redirect can come back to it.
 *
 * A server action whose declared body is over the limit is answered 413 here, before anything reads it: Next would
 * read up to the limit and then answer 500 (signed in or not). A body without a declared length is left to Next.
 * The other requests Next answers 500 before any of the console's code runs are refused here too, in the console's
 * error shape: an action (or a multipart post to a page) from another site (403), an action whose body React's
 * decoder cannot read (400, lib/security/action-request.ts), and a path Next cannot decode, pages and API routes
 * alike (400, lib/security/path-encoding.ts).
 *
 * While this process finds its database missing, every page answers a 503 page that reloads by itself.
 */
export async function proxy(request: NextRequest) {
  const badPath = checkPathEncoding(request.nextUrl.pathname);
  if (badPath) return errorResponse(badPath);
  // What Next treats as a possible server action (a fetch action, or a multipart post to any path no route serves):
  // from another site it answers 500, so the origin is checked here first.
  const multipart = request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data");
  if (request.method === "POST" && (request.headers.has("next-action") || multipart)) {
    const foreign = checkActionOrigin(request, serverActionOrigins(process.env as Record<string, string | undefined>));
    if (foreign) return errorResponse(foreign);
  }
  // API routes pass through untouched otherwise: they are matched for the checks above only.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
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
    const refusal = checkActionBody(request.headers.get("content-type"), await request.clone().text());
    if (refusal) return errorResponse(refusal);
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
  // Pages and API routes (these for the path check only); not Next's assets or files in public/.
  matcher: ["/((?!_next/|favicon.ico|icon.svg).*)"],
};
