"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { toSentJobView } from "@/lib/jobs/service";
import { jobServiceDeps } from "@/lib/tracker/process";
import {
  createWorkflowSchema,
  curationUpdateSchema,
  defaultEndpointSchema,
  deleteWorkflowSchema,
  runWorkflowSchema,
  saveVersionSchema,
  updateWorkflowSchema,
} from "@/lib/workflows/schema";
import {
  createWorkflow as createWorkflowInLibrary,
  deleteWorkflow as deleteWorkflowFromLibrary,
  getWorkflow,
  runWorkflow as runWorkflowOnEndpoint,
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

/** One job, or a sweep's jobs; each is in the ledger before Novita hears of it and is linked to its workflow run. */
export const runWorkflowAction = guardedAction(
  {
    role: "operator",
    input: runWorkflowSchema,
    audit: { action: "workflow.run", targetType: "workflow", targetId: (input) => input.workflowId },
  },
  async (input, user, trail) => {
    // The audit row keeps what was asked for, without image bytes (also when the run fails).
    const asked = {
      endpointId: input.endpointId,
      version: input.version,
      values: input.values,
      sweep: input.sweep,
      images: input.images.map((image) => image.name),
    };
    trail.after(asked);
    const result = await runWorkflowOnEndpoint(await jobServiceDeps(), { ...input, userId: user.id });
    trail.after({ ...asked, sweepId: result.sweepId, jobIds: result.runs.map(({ sent }) => sent.job.id) });
    revalidatePath("/jobs");
    return ok({
      sweepId: result.sweepId,
      runs: result.runs.map(({ sent, inputs }) => ({ ...toSentJobView(sent), inputs })),
    });
  },
);
