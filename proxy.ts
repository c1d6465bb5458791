import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/return-path";
import { contentSecurityPolicy, NONCE_HEADER } from "@/lib/security/headers";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next puts it on its own scripts (it reads the
 * policy from the request headers), so only they run. Also passes the requested path to server components, so a
 * sign-in redirect can come back to it.
 */
export function proxy(request: NextRequest) {
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
