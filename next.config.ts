import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT } from "./lib/security/action-body";
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS, serverActionOrigins } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // The Docker image runs `node server.js` from .next/standalone (see Dockerfile); `npm start` still uses `next start`.
  output: "standalone",
  // Files read at run time that tracing cannot see: the SQL migrations (lib/db/client.ts reads the folder).
  outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**/*"] },
  // PGlite ships WebAssembly and data files it loads at run time; postgres and pino must stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  experimental: {
    // unauthorized() / forbidden(): 401 and 403 from pages, server actions and route handlers.
    authInterrupts: true,
    serverActions: {
      // A job may be up to Novita's 4 MiB plus its encoding (lib/security/action-body.ts). Next answers a body over
      // this with 500, not 413; proxy.ts answers 413 first when the length is declared (docs/decisions.md, issue 12).
      bodySizeLimit: SERVER_ACTION_BODY_LIMIT,
      // Next accepts a server action only when its Origin is the host it was sent to; a reverse proxy that rewrites
      // the Host header lists the public host here (docs/self-hosting.md); PUBLIC_URL's host counts too. Read when the
      // server is built/started.
      allowedOrigins: serverActionOrigins({
        ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS,
        PUBLIC_URL: process.env.PUBLIC_URL,
      }),
    },
  },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
