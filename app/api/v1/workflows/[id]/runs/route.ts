import { runWorkflowOperation } from "@/lib/api/v1/workflows";

/** `POST /api/v1/workflows/{id}/runs` (lib/api/v1/workflows.ts). */
export const POST = runWorkflowOperation.handler;
