/**
 * Running a workflow as a command, shared by the server action (lib/workflows/actions.ts) and the REST API
 * (lib/api/v1): one role, one schema, one audit row and one body.
 */
import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { ok } from "@/lib/actions/result";
import { toSentJobView } from "@/lib/jobs/service";
import { jobServiceDeps } from "@/lib/tracker/process";
import { runWorkflowSchema } from "./schema";
import { runWorkflow } from "./service";

/** One job, or a sweep's jobs; each is in the ledger before Novita hears of it and is linked to its workflow run. */
export const runWorkflowCommand = defineCommand({
  role: "operator",
  input: runWorkflowSchema,
  audit: { action: "workflow.run", targetType: "workflow", targetId: (input) => input.workflowId },
  run: async (input, user, trail) => {
    // The audit row keeps what was asked for, without image bytes (also when the run fails).
    const asked = {
      endpointId: input.endpointId,
      version: input.version,
      values: input.values,
      sweep: input.sweep,
      images: input.images.map((image) => image.name),
      ...(input.webhook ? { webhook: input.webhook } : {}),
    };
    trail.after(asked);
    const result = await runWorkflow(await jobServiceDeps(), { ...input, userId: user.id });
    trail.after({ ...asked, sweepId: result.sweepId, jobIds: result.runs.map(({ sent }) => sent.job.id) });
    return ok({
      sweepId: result.sweepId,
      runs: result.runs.map(({ sent, inputs }) => ({ ...toSentJobView(sent), inputs })),
    });
  },
});
