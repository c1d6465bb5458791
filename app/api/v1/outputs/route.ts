import { listOutputsOperation } from "@/lib/api/v1/outputs";

export const dynamic = "force-dynamic";

/** `GET /api/v1/outputs` (lib/api/v1/outputs.ts). */
export const GET = listOutputsOperation.handler;
