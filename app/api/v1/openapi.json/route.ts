import { openApiJson } from "@/lib/api/v1/openapi";

/** The OpenAPI 3.1 document of the console API (lib/api/v1/openapi.ts). Public: it holds no data. */
export function GET() {
  return new Response(openApiJson(), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
