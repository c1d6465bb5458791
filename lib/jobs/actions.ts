"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { importJobSchema, jobIdsSchema, resubmitSchema, sendJobsSchema } from "@/lib/jobs/actions-schema";
import {
  cancelJobs as cancelJobsInLedger,
  importJob as importJobIntoLedger,
  resubmitJob as resubmitJobInLedger,
  recordAndSendJobs,
  toSentJobView,
} from "@/lib/jobs/service";
import { toJobSummary } from "@/lib/jobs/summary";
import { jobServiceDeps } from "@/lib/tracker/process";

/** Sends N copies; each is in the ledger before Novita hears of it. Failures come back per job, never resent. */
export const sendJobsAction = guardedAction(
  {
    role: "operator",
    input: sendJobsSchema,
    audit: { action: "job.send", targetType: "endpoint", targetId: (input) => input.endpointId },
  },
  async ({ endpointId, input, copies }, user, trail) => {
    const sent = await recordAndSendJobs(await jobServiceDeps(), { endpointId, input, copies, userId: user.id });
    trail.after({ copies, jobIds: sent.map(({ job }) => job.id), input });
    revalidatePath("/jobs");
    return ok(sent.map(toSentJobView));
  },
);

export const cancelJobsAction = guardedAction(
  {
    role: "operator",
    input: jobIdsSchema,
    audit: { action: "job.cancel", targetType: "job", targetId: (input) => input.ids.join(",") },
  },
  async ({ ids }) => ok(await cancelJobsInLedger(await jobServiceDeps(), ids)),
);

export const resubmitJobAction = guardedAction(
  {
    role: "operator",
    input: resubmitSchema,
    audit: { action: "job.resubmit", targetType: "job", targetId: (input) => input.id },
  },
  async ({ id, input }, user) =>
    ok(toSentJobView(await resubmitJobInLedger(await jobServiceDeps(), id, { userId: user.id, input }))),
);

/** "Track a job by id": a job sent outside the console joins the ledger. */
export const importJobAction = guardedAction(
  {
    role: "operator",
    input: importJobSchema,
    audit: { action: "job.import", targetType: "job", targetId: (input) => input.novitaJobId },
  },
  async (input, user) =>
    ok(toJobSummary(await importJobIntoLedger(await jobServiceDeps(), { ...input, userId: user.id }))),
);
