"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { importJobSchema, jobIdsSchema, resubmitSchema, sendJobsSchema } from "@/lib/jobs/actions-schema";
import {
  cancelJobs as cancelJobsInLedger,
  importJob as importJobIntoLedger,
  JobInputTooLarge,
  JobNotFound,
  resubmitJob as resubmitJobInLedger,
  sendJobs as sendJobsToNovita,
  toSentJobView,
} from "@/lib/jobs/service";
import { toJobSummary } from "@/lib/jobs/summary";
import { isNovitaError } from "@/lib/novita/errors";
import { jobServiceDeps } from "@/lib/tracker/process";

/** Expected failures of sending, as action results; anything else is rethrown. */
function sendFailure(error: unknown) {
  if (error instanceof JobInputTooLarge) return fail("invalid", error.message, { input: error.message });
  if (error instanceof JobNotFound) return fail("not_found", error.message);
  if (isNovitaError(error)) return fail("upstream", error.userMessage);
  throw error;
}

/** Sends N copies; each is in the ledger before Novita hears of it. Failures come back per job, never resent. */
export const sendJobs = guardedAction("operator", sendJobsSchema, { action: "job.send", targetType: "endpoint", targetId: (input) => input.endpointId }, async ({ endpointId, input, copies }, user, trail) => {
  try {
    const sent = await sendJobsToNovita(await jobServiceDeps(), { endpointId, input, copies, userId: user.id });
    trail.after({ copies, jobIds: sent.map(({ job }) => job.id), input });
    revalidatePath("/jobs");
    return ok(sent.map(toSentJobView));
  } catch (error) {
    return sendFailure(error);
  }
});

export const cancelJobs = guardedAction("operator", jobIdsSchema, { action: "job.cancel", targetType: "job", targetId: (input) => input.ids.join(",") }, async ({ ids }) => ok(await cancelJobsInLedger(await jobServiceDeps(), ids)));

export const resubmitJob = guardedAction("operator", resubmitSchema, { action: "job.resubmit", targetType: "job", targetId: (input) => input.id }, async ({ id, input }, user) => {
  try {
    return ok(toSentJobView(await resubmitJobInLedger(await jobServiceDeps(), id, { userId: user.id, input })));
  } catch (error) {
    return sendFailure(error);
  }
});

/** "Track a job by id": a job sent outside the console joins the ledger. */
export const importJob = guardedAction("operator", importJobSchema, { action: "job.import", targetType: "job", targetId: (input) => input.novitaJobId }, async (input, user) => {
  try {
    return ok(toJobSummary(await importJobIntoLedger(await jobServiceDeps(), { ...input, userId: user.id })));
  } catch (error) {
    if (isNovitaError(error) && error.kind === "not_found") return fail("not_found", "Novita does not know this job on that endpoint (wrong id, wrong endpoint, or older than 6 hours).", { novitaJobId: "Not found on this endpoint." });
    if (isNovitaError(error)) return fail("upstream", error.userMessage);
    throw error;
  }
});
