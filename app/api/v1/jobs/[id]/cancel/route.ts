import { cancelJobOperation } from "@/lib/api/v1/jobs";

/** `POST /api/v1/jobs/{id}/cancel` (lib/api/v1/jobs.ts). */
export const POST = cancelJobOperation.handler;
