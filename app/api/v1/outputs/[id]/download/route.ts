import { downloadOutputOperation } from "@/lib/api/v1/outputs";

export const dynamic = "force-dynamic";

/** `GET /api/v1/outputs/{id}/download` (lib/api/v1/outputs.ts). */
export const GET = downloadOutputOperation.handler;
