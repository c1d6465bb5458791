import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "@/lib/auth/return-path";

/** Passes the requested path to server components, so a sign-in redirect can come back to it. */
export function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Pages only: not API routes, Next's assets or files in public/.
  matcher: ["/((?!api/|_next/|favicon.ico|icon.svg).*)"],
};
