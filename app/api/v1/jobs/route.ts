import { listJobsOperation, sendJobsOperation } from "@/lib/api/v1/jobs";

export const dynamic = "force-dynamic";

/** `GET /api/v1/jobs` (lib/api/v1/jobs.ts). */
export const GET = listJobsOperation.handler;

/** `POST /api/v1/jobs` (lib/api/v1/jobs.ts). */
export const POST = sendJobsOperation.handler;
