/**
 * `/api/v1/jobs`: the ledger as the Jobs page reads it, and the job commands the Send, Cancel and Resubmit buttons
 * run (lib/jobs/commands.ts) — the same schemas, roles, audit rows and answers.
 */
import "server-only";
import { ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { ConsoleError } from "@/lib/errors";
import { resubmitSchema, sendJobsSchema } from "@/lib/jobs/actions-schema";
import { cancelJobsCommand, resubmitJobCommand, sendJobsCommand } from "@/lib/jobs/commands";
import { loadJobDetails } from "@/lib/jobs/details";
import { loadJobPage } from "@/lib/jobs/list";
import { jobListQuerySchema } from "@/lib/jobs/query";
import { JobNotFound } from "@/lib/jobs/service";
import { runCommand } from "./command";
import { apiRoute } from "./route";
import {
  cancelledJobSchema,
  idParamsSchema,
  jobDetailsSchema,
  jobPageSchema,
  requestSchemas,
  sentJobSchema,
  sentJobsSchema,
} from "./schemas";

/** The send action's schema; `copies` may be left out (1). */
export const sendJobsBodySchema = sendJobsSchema.extend({ copies: sendJobsSchema.shape.copies.default(1) });
requestSchemas.add(sendJobsBodySchema, { id: "SendJobsRequest" });
/** The resubmit action's schema without the id (it is in the path). */
export const resubmitBodySchema = resubmitSchema.omit({ id: true });
requestSchemas.add(resubmitBodySchema, { id: "ResubmitJobRequest" });

/** `GET /api/v1/jobs`. */
export const listJobsOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/jobs",
    operationId: "listJobs",
    tag: "Jobs",
    summary: "List jobs",
    description:
      "The ledger newest first, with the Jobs page's filters and word search (`q`: words in the job's input), " +
      "and the count per status tab under the same filters. Page with `after` = the previous page's `next`.",
    role: "viewer",
    query: jobListQuerySchema,
    response: { description: "A page of jobs.", schema: jobPageSchema },
  },
  async ({ query }) => ok(await loadJobPage(await getDb(), query)),
);

/** `GET /api/v1/jobs/{id}`. */
export const getJobOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/jobs/{id}",
    operationId: "getJob",
    tag: "Jobs",
    summary: "Get a job",
    description:
      "One job with its input, output and timeline; for a job queued over ~30 s, why it waits and the fix. " +
      "Answered from the ledger, which the tracker keeps fresh.",
    role: "viewer",
    params: idParamsSchema,
    response: { description: "The job.", schema: jobDetailsSchema },
    errors: { 404: "No such job in the ledger." },
  },
  async ({ params }) => {
    const details = await loadJobDetails(params.id);
    if (!details) throw new JobNotFound(params.id);
    return ok(details);
  },
);

/** `POST /api/v1/jobs`. */
export const sendJobsOperation = apiRoute(
  {
    method: "POST",
    path: "/api/v1/jobs",
    operationId: "sendJobs",
    tag: "Jobs",
    summary: "Send jobs",
    description:
      "Sends `copies` jobs (1–100) with the same input, like the Send button: each is written to the ledger " +
      "before Novita hears of it and is attributed to the token's owner. Failures come back per job; a job " +
      "whose outcome is unknown (Novita may have queued it) is never sent again by itself.",
    role: sendJobsCommand.role,
    body: sendJobsBodySchema,
    response: { description: "The jobs, each with its failure or null.", schema: sentJobsSchema },
    errors: { 404: "No such endpoint.", 502: "Novita did not answer or refused before any job was written." },
  },
  async ({ caller, body }) => {
    const result = await runCommand(caller, sendJobsCommand, body);
    return result.ok ? ok({ jobs: result.data }) : result;
  },
);

/** `POST /api/v1/jobs/{id}/cancel`. */
export const cancelJobOperation = apiRoute(
  {
    method: "POST",
    path: "/api/v1/jobs/{id}/cancel",
    operationId: "cancelJob",
    tag: "Jobs",
    summary: "Cancel a job",
    description: "Asks Novita to cancel a queued or running job; the tracker records the new status at once.",
    role: cancelJobsCommand.role,
    params: idParamsSchema,
    response: { description: "Cancelling was asked for.", schema: cancelledJobSchema },
    errors: { 404: "No such job in the ledger.", 409: "The job is finished, or Novita has not accepted it yet." },
  },
  async ({ caller, params }) => {
    const result = await runCommand(caller, cancelJobsCommand, { ids: [params.id] });
    if (!result.ok) return result;
    const skipped = result.data.skipped[0];
    if (skipped) throw new ConsoleError("conflict", `The job was not cancelled: ${skipped.reason}.`);
    return ok({ id: params.id, cancelled: true as const });
  },
);

/** `POST /api/v1/jobs/{id}/resubmit`. */
export const resubmitJobOperation = apiRoute(
  {
    method: "POST",
    path: "/api/v1/jobs/{id}/resubmit",
    operationId: "resubmitJob",
    tag: "Jobs",
    summary: "Resubmit a job",
    description:
      "Sends the job again as a new job linked to it, with its input or the `input` given. The body may be empty.",
    role: resubmitJobCommand.role,
    params: idParamsSchema,
    body: resubmitBodySchema,
    bodyOptional: true,
    response: { description: "The new job, with its failure or null.", schema: sentJobSchema },
    errors: { 404: "No such job in the ledger." },
  },
  async ({ caller, params, body }) => runCommand(caller, resubmitJobCommand, { id: params.id, input: body.input }),
);
