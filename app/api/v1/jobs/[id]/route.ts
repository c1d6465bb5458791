import { getJobOperation } from "@/lib/api/v1/jobs";

export const dynamic = "force-dynamic";

/** `GET /api/v1/jobs/{id}` (lib/api/v1/jobs.ts). */
export const GET = getJobOperation.handler;
