import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files it loads at run time; postgres and pino must stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  experimental: {
    // unauthorized() / forbidden(): 401 and 403 from pages, server actions and route handlers.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
