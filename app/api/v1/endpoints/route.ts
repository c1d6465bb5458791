import { listEndpointsOperation } from "@/lib/api/v1/endpoints";

export const dynamic = "force-dynamic";

/** `GET /api/v1/endpoints` (lib/api/v1/endpoints.ts). */
export const GET = listEndpointsOperation.handler;
