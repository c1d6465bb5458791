"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { JobInputTooLarge, toSentJobView } from "@/lib/jobs/service";
import { isNovitaError } from "@/lib/novita/errors";
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
  InvalidRunValues,
  InvalidWorkflow,
  runWorkflow as runWorkflowOnEndpoint,
  saveWorkflowVersion,
  setDefaultEndpoint as setDefaultEndpointOfWorkflow,
  updateCuration,
  updateWorkflowDetails,
  WorkflowNotFound,
} from "@/lib/workflows/service";

/** Expected failures as action results (the graph's issues name their nodes); anything else is rethrown. */
function workflowFailure(error: unknown) {
  if (error instanceof InvalidWorkflow) return fail("invalid", error.issues.map((issue) => issue.message).join("\n"), { graph: error.issues.map((issue) => issue.message).join("\n") });
  if (error instanceof WorkflowNotFound) return fail("not_found", `${error.message} It may have been deleted; reload the page.`);
  if (error instanceof InvalidRunValues) return fail("invalid", "Some fields need attention.", error.problems);
  if (error instanceof JobInputTooLarge) return fail("invalid", error.message, { images: error.message });
  if (isNovitaError(error)) return fail("upstream", error.userMessage);
  throw error;
}

export const createWorkflow = guardedAction("operator", createWorkflowSchema, { action: "workflow.create", targetType: "workflow" }, async (input, user, trail) => {
  trail.after({ name: input.name, description: input.description, nodes: Object.keys(input.graph).length });
  try {
    const row = await createWorkflowInLibrary(await getDb(), { ...input, userId: user.id });
    trail.target(row.id);
    revalidatePath("/workflows");
    return ok({ id: row.id });
  } catch (error) {
    return workflowFailure(error);
  }
});

export const saveVersion = guardedAction("operator", saveVersionSchema, { action: "workflow.version.create", targetType: "workflow", targetId: (input) => input.workflowId }, async (input, user, trail) => {
  // The audit row says what was saved, not the whole graph (also when the save is refused).
  trail.after({ note: input.note, nodes: Object.keys(input.graph).length });
  try {
    const version = await saveWorkflowVersion(await getDb(), { ...input, userId: user.id });
    trail.after({ version, note: input.note, nodes: Object.keys(input.graph).length });
    revalidatePath(`/workflows/${input.workflowId}`);
    revalidatePath("/workflows");
    return ok({ version });
  } catch (error) {
    return workflowFailure(error);
  }
});

export const updateWorkflow = guardedAction("operator", updateWorkflowSchema, { action: "workflow.update", targetType: "workflow", targetId: (input) => input.workflowId }, async (input, _user, trail) => {
  try {
    const db = await getDb();
    const before = await getWorkflow(db, input.workflowId);
    trail.before(before ? { name: before.name, description: before.description } : null);
    const row = await updateWorkflowDetails(db, input);
    trail.after({ name: row.name, description: row.description });
    revalidatePath(`/workflows/${input.workflowId}`);
    return ok({ name: row.name, description: row.description });
  } catch (error) {
    return workflowFailure(error);
  }
});

export const setDefaultEndpoint = guardedAction("operator", defaultEndpointSchema, { action: "workflow.default_endpoint", targetType: "workflow", targetId: (input) => input.workflowId }, async (input, _user, trail) => {
  try {
    const db = await getDb();
    trail.before({ endpointId: (await getWorkflow(db, input.workflowId))?.defaultEndpointId ?? null });
    await setDefaultEndpointOfWorkflow(db, input.workflowId, input.endpointId);
    revalidatePath("/workflows");
    return ok(undefined);
  } catch (error) {
    return workflowFailure(error);
  }
});

export const saveCuration = guardedAction("operator", curationUpdateSchema, { action: "workflow.curation", targetType: "workflow", targetId: (input) => input.workflowId }, async (input, _user, trail) => {
  try {
    const db = await getDb();
    trail.before((await getWorkflow(db, input.workflowId))?.curation ?? null);
    await updateCuration(db, input.workflowId, input.curation);
    return ok(undefined);
  } catch (error) {
    return workflowFailure(error);
  }
});

export const deleteWorkflow = guardedAction("operator", deleteWorkflowSchema, { action: "workflow.delete", targetType: "workflow", targetId: (input) => input.workflowId }, async (input, _user, trail) => {
  try {
    const row = await deleteWorkflowFromLibrary(await getDb(), input.workflowId);
    trail.before({ name: row.name, latestVersion: row.latestVersion });
    revalidatePath("/workflows");
    return ok(undefined);
  } catch (error) {
    return workflowFailure(error);
  }
});

/** One job, or a sweep's jobs; each is in the ledger before Novita hears of it and is linked to its workflow run. */
export const runWorkflow = guardedAction("operator", runWorkflowSchema, { action: "workflow.run", targetType: "workflow", targetId: (input) => input.workflowId }, async (input, user, trail) => {
  // The audit row keeps what was asked for, without image bytes (also when the run fails).
  const asked = { endpointId: input.endpointId, version: input.version, values: input.values, sweep: input.sweep, images: input.images.map((image) => image.name) };
  trail.after(asked);
  try {
    const result = await runWorkflowOnEndpoint(await jobServiceDeps(), { ...input, userId: user.id });
    trail.after({ ...asked, sweepId: result.sweepId, jobIds: result.runs.map(({ sent }) => sent.job.id) });
    revalidatePath("/jobs");
    return ok({ sweepId: result.sweepId, runs: result.runs.map(({ sent, inputs }) => ({ ...toSentJobView(sent), inputs })) });
  } catch (error) {
    return workflowFailure(error);
  }
});
