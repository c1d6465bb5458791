/** Inputs of the job actions. Browser-safe. */
import { z } from "zod";
import { webhookField } from "@/lib/webhooks/schema";

export const sendJobsSchema = z.object({
  endpointId: z.string().trim().min(1, "Choose an endpoint."),
  input: z.unknown().refine((value) => value !== undefined, "Enter the job input."),
  copies: z
    .number()
    .int("Use a whole number.")
    .min(1, "Send at least 1 copy.")
    .max(100, "Send at most 100 copies at once."),
  webhook: webhookField.optional(),
});

export const jobIdsSchema = z.object({ ids: z.array(z.string().min(1)).min(1, "Select at least one job.").max(500) });

export const resubmitSchema = z.object({ id: z.string().min(1), input: z.unknown().optional() });

export const importJobSchema = z.object({
  endpointId: z.string().trim().min(1, "Choose the endpoint the job was sent to."),
  novitaJobId: z.string().trim().min(1, "Enter the job id Novita returned.").max(200),
});

export const settleJobSchema = z.object({
  id: z.string().min(1),
  novitaJobId: z.string().trim().min(1, "Enter the job id Novita shows for it.").max(200),
});
