import { resubmitJobOperation } from "@/lib/api/v1/jobs";

/** `POST /api/v1/jobs/{id}/resubmit` (lib/api/v1/jobs.ts). */
export const POST = resubmitJobOperation.handler;
