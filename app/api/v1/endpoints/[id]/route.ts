import { getEndpointOperation } from "@/lib/api/v1/endpoints";

export const dynamic = "force-dynamic";

/** `GET /api/v1/endpoints/{id}` (lib/api/v1/endpoints.ts). */
export const GET = getEndpointOperation.handler;
