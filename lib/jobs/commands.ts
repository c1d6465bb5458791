/**
 * The job changes as commands, shared by the server actions (lib/jobs/actions.ts) and the REST API (lib/api/v1):
 * one role, one schema, one audit row and one body for each.
 */
import "server-only";
import { defineCommand } from "@/lib/actions/command";
import { ok } from "@/lib/actions/result";
import { jobIdsSchema, resubmitSchema, sendJobsSchema, settleJobSchema } from "@/lib/jobs/actions-schema";
import {
  cancelJobs,
  JobNotFound,
  NO_SUCH_JOB,
  recordAndSendJobs,
  resubmitJob,
  settleUnknownJob,
  toSentJobView,
} from "@/lib/jobs/service";
import { toJobSummary } from "@/lib/jobs/summary";
import { jobServiceDeps } from "@/lib/tracker/process";

/** Sends N copies; each is in the ledger before Novita hears of it. Failures come back per job, never resent. */
export const sendJobsCommand = defineCommand({
  role: "operator",
  input: sendJobsSchema,
  audit: { action: "job.send", targetType: "endpoint", targetId: (input) => input.endpointId },
  run: async ({ endpointId, input, copies, webhook }, user, trail) => {
    const deps = await jobServiceDeps();
    const sent = await recordAndSendJobs(deps, { endpointId, input, copies, userId: user.id, webhook });
    trail.after({ copies, jobIds: sent.map(({ job }) => job.id), input, ...(webhook ? { webhook } : {}) });
    return ok(sent.map(toSentJobView));
  },
});

/**
 * Asks Novita to cancel queued or running jobs; the others come back as skipped, with the reason. When no id is a
 * job in the ledger at all, nothing was attempted: not_found (audited as failed, not as a cancel that happened).
 */
export const cancelJobsCommand = defineCommand({
  role: "operator",
  input: jobIdsSchema,
  audit: { action: "job.cancel", targetType: "job", targetId: (input) => input.ids.join(",") },
  run: async ({ ids }) => {
    const outcome = await cancelJobs(await jobServiceDeps(), ids);
    if (!outcome.cancelled.length && outcome.skipped.every(({ reason }) => reason === NO_SUCH_JOB)) {
      throw new JobNotFound(ids.join(", "));
    }
    return ok(outcome);
  },
});

/** Sends a job again with its input (or an edited one), linked to the original. */
export const resubmitJobCommand = defineCommand({
  role: "operator",
  input: resubmitSchema,
  audit: { action: "job.resubmit", targetType: "job", targetId: (input) => input.id },
  run: async ({ id, input }, user) =>
    ok(toSentJobView(await resubmitJob(await jobServiceDeps(), id, { userId: user.id, input }))),
});

/** Settles an unknown outcome with the Novita job id found for it; nothing is sent. */
export const settleJobCommand = defineCommand({
  role: "operator",
  input: settleJobSchema,
  audit: { action: "job.settle", targetType: "job", targetId: (input) => input.id },
  run: async (input) => ok(toJobSummary(await settleUnknownJob(await jobServiceDeps(), input))),
});
