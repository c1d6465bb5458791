import { listWorkflowsOperation } from "@/lib/api/v1/workflows";

export const dynamic = "force-dynamic";

/** `GET /api/v1/workflows` (lib/api/v1/workflows.ts). */
export const GET = listWorkflowsOperation.handler;
