"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { runWorkflowCommand } from "@/lib/workflows/commands";
import {
  createWorkflowSchema,
  curationUpdateSchema,
  defaultEndpointSchema,
  deleteWorkflowSchema,
  saveVersionSchema,
  updateWorkflowSchema,
} from "@/lib/workflows/schema";
import {
  createWorkflow as createWorkflowInLibrary,
  deleteWorkflow as deleteWorkflowFromLibrary,
  getWorkflow,
  saveWorkflowVersion,
  setDefaultEndpoint as setDefaultEndpointOfWorkflow,
  updateCuration,
  updateWorkflowDetails,
} from "@/lib/workflows/service";

// The services throw their expected failures as ConsoleErrors (the graph's issues name their nodes); guardedAction
// returns them as results.

export const createWorkflowAction = guardedAction(
  { role: "operator", input: createWorkflowSchema, audit: { action: "workflow.create", targetType: "workflow" } },
  async (input, user, trail) => {
    trail.after({ name: input.name, description: input.description, nodes: Object.keys(input.graph).length });
    const row = await createWorkflowInLibrary(await getDb(), { ...input, userId: user.id });
    trail.target(row.id);
    revalidatePath("/workflows");
    return ok({ id: row.id });
  },
);

export const saveVersionAction = guardedAction(
  {
    role: "operator",
    input: saveVersionSchema,
    audit: { action: "workflow.version.create", targetType: "workflow", targetId: (input) => input.workflowId },
  },
  async (input, user, trail) => {
    // The audit row says what was saved, not the whole graph (also when the save is refused).
    trail.after({ note: input.note, nodes: Object.keys(input.graph).length });
    const version = await saveWorkflowVersion(await getDb(), { ...input, userId: user.id });
    trail.after({ version, note: input.note, nodes: Object.keys(input.graph).length });
    revalidatePath(`/workflows/${input.workflowId}`);
    revalidatePath("/workflows");
    return ok({ version });
  },
);

export const updateWorkflowAction = guardedAction(
  {
    role: "operator",
    input: updateWorkflowSchema,
    audit: { action: "workflow.update", targetType: "workflow", targetId: (input) => input.workflowId },
  },
  async (input, _user, trail) => {
    const db = await getDb();
    const before = await getWorkflow(db, input.workflowId);
    trail.before(before ? { name: before.name, description: before.description } : null);
    const row = await updateWorkflowDetails(db, input);
    trail.after({ name: row.name, description: row.description });
    revalidatePath(`/workflows/${input.workflowId}`);
    return ok({ name: row.name, description: row.description });
  },
);

export const setDefaultEndpointAction = guardedAction(
  {
    role: "operator",
    input: defaultEndpointSchema,
    audit: { action: "workflow.default_endpoint", targetType: "workflow", targetId: (input) => input.workflowId },
  },
  async (input, _user, trail) => {
    const db = await getDb();
    trail.before({ endpointId: (await getWorkflow(db, input.workflowId))?.defaultEndpointId ?? null });
    await setDefaultEndpointOfWorkflow(db, input.workflowId, input.endpointId);
    revalidatePath("/workflows");
    return ok(undefined);
  },
);

export const saveCurationAction = guardedAction(
  {
    role: "operator",
    input: curationUpdateSchema,
    audit: { action: "workflow.curation", targetType: "workflow", targetId: (input) => input.workflowId },
  },
  async (input, _user, trail) => {
    const db = await getDb();
    trail.before((await getWorkflow(db, input.workflowId))?.curation ?? null);
    await updateCuration(db, input.workflowId, input.curation);
    return ok(undefined);
  },
);

export const deleteWorkflowAction = guardedAction(
  {
    role: "operator",
    input: deleteWorkflowSchema,
    audit: { action: "workflow.delete", targetType: "workflow", targetId: (input) => input.workflowId },
  },
  async (input, _user, trail) => {
    const row = await deleteWorkflowFromLibrary(await getDb(), input.workflowId);
    trail.before({ name: row.name, latestVersion: row.latestVersion });
    revalidatePath("/workflows");
    return ok(undefined);
  },
);

/** One job, or a sweep's jobs (lib/workflows/commands.ts, shared with the REST API). */
export const runWorkflowAction = guardedAction(runWorkflowCommand, async (input, user, trail) => {
  const result = await runWorkflowCommand.run(input, user, trail);
  revalidatePath("/jobs");
  return result;
});
