import { getWorkflowOperation } from "@/lib/api/v1/workflows";

export const dynamic = "force-dynamic";

/** `GET /api/v1/workflows/{id}` (lib/api/v1/workflows.ts). */
export const GET = getWorkflowOperation.handler;
