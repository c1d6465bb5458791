/**
 * `/api/v1/workflows`: the library, a workflow's form by field name, and runs with named inputs — turned into the
 * run action's own request and sent by the same command (lib/workflows/commands.ts).
 */
import "server-only";
import { z } from "zod";
import { fail, ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { runWorkflowCommand } from "@/lib/workflows/commands";
import { getWorkflow, listWorkflows, WorkflowNotFound } from "@/lib/workflows/service";
import { runCommand } from "./command";
import { apiRoute } from "./route";
import {
  idParamsSchema,
  requestSchemas,
  workflowDetailsSchema,
  workflowListSchema,
  workflowRunSchema,
} from "./schemas";
import { describeWorkflow, fieldsOf, renameFieldErrors, toRunRequest, workflowRunBodySchema } from "./workflow-inputs";

requestSchemas.add(workflowRunBodySchema, { id: "WorkflowRunRequest" });

async function workflowOf(id: string) {
  const workflow = await getWorkflow(await getDb(), id);
  if (!workflow) throw new WorkflowNotFound(id);
  return workflow;
}

/** `GET /api/v1/workflows`. */
export const listWorkflowsOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/workflows",
    operationId: "listWorkflows",
    tag: "Workflows",
    summary: "List workflows",
    description: "The ComfyUI workflow library, most recently changed first, with run counts.",
    role: "viewer",
    response: { description: "The workflows.", schema: workflowListSchema },
  },
  async () => ok({ workflows: await listWorkflows(await getDb()) }),
);

/** `GET /api/v1/workflows/{id}`. */
export const getWorkflowOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/workflows/{id}",
    operationId: "getWorkflow",
    tag: "Workflows",
    summary: "Get a workflow and its form",
    description:
      "The workflow, its versions and the form of one version as the team curated it: each field's `name` " +
      "(the key of a run's `inputs`), label, kind, default and the node input it sets.",
    role: "viewer",
    params: idParamsSchema,
    query: z.object({ version: z.coerce.number().int().min(1).optional().describe("Default: the latest.") }),
    response: { description: "The workflow with its form.", schema: workflowDetailsSchema },
    errors: { 404: "No such workflow, or no such version." },
  },
  async ({ params, query }) => ok(describeWorkflow(await workflowOf(params.id), query.version)),
);

/** `POST /api/v1/workflows/{id}/runs`. */
export const runWorkflowOperation = apiRoute(
  {
    method: "POST",
    path: "/api/v1/workflows/{id}/runs",
    operationId: "runWorkflow",
    tag: "Workflows",
    summary: "Run a workflow with named inputs",
    description:
      "Sends the workflow with the form's values by field name (see Get a workflow), like the Run button: one " +
      "job, `count` jobs with random seeds, or a sweep of prompts × seeds (at most 64 jobs). Every job is " +
      "built and measured before the first is sent; each is in the ledger before Novita hears of it. " +
      "Unknown field names are refused (400, naming them).",
    role: runWorkflowCommand.role,
    params: idParamsSchema,
    body: workflowRunBodySchema,
    response: { description: "The run's jobs.", schema: workflowRunSchema },
    errors: { 404: "No such workflow, version or endpoint." },
  },
  async ({ caller, params, body }) => {
    const workflow = await workflowOf(params.id);
    const result = await runCommand(caller, runWorkflowCommand, toRunRequest(workflow, body));
    if (result.ok) return result;
    const fields = renameFieldErrors(result.error.fields, fieldsOf(workflow, body.version));
    return fail(result.error.code, result.error.message, fields);
  },
);
