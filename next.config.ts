import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files it loads at run time; postgres and pino must stay plain Node modules.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pino"],
  experimental: {
    // unauthorized() / forbidden(): 401 and 403 from pages, server actions and route handlers.
    authInterrupts: true,
    // A job may be up to Novita's 4 MiB; the action's own check then gives the clear message, not a 413.
    serverActions: { bodySizeLimit: "5mb" },
  },
  poweredByHeader: false,
};

export default nextConfig;
