"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { importJobSchema } from "@/lib/jobs/actions-schema";
import { cancelJobsCommand, resubmitJobCommand, sendJobsCommand, settleJobCommand } from "@/lib/jobs/commands";
import { importJob as importJobIntoLedger } from "@/lib/jobs/service";
import { toJobSummary } from "@/lib/jobs/summary";
import { jobServiceDeps } from "@/lib/tracker/process";

/** Sends N copies; each is in the ledger before Novita hears of it. Failures come back per job, never resent. */
export const sendJobsAction = guardedAction(sendJobsCommand, async (input, user, trail) => {
  const result = await sendJobsCommand.run(input, user, trail);
  revalidatePath("/jobs");
  return result;
});

export const cancelJobsAction = guardedAction(cancelJobsCommand, cancelJobsCommand.run);

export const resubmitJobAction = guardedAction(resubmitJobCommand, resubmitJobCommand.run);

export const settleJobAction = guardedAction(settleJobCommand, settleJobCommand.run);

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
