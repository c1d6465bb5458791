/** Inputs of the workflow actions, one zod schema per concept. Browser-safe. */
import { z } from "zod";
import { curationSchema } from "@/lib/comfyui/curation-schema";
import { MAX_SWEEP_RUNS } from "@/lib/comfyui/sweep";
import { webhookField } from "@/lib/webhooks/schema";

const workflowId = z.string().trim().min(1).max(100);
/** The graph travels as parsed JSON; the action checks it with lib/comfyui (format, links, output node). */
const graph = z.record(z.string(), z.unknown());

export const workflowDetailsSchema = z.object({
  name: z.string().trim().min(1, "Give the workflow a name.").max(120, "Keep the name under 120 characters."),
  description: z.string().trim().max(2_000, "Keep the description under 2,000 characters.").default(""),
});

export const createWorkflowSchema = workflowDetailsSchema.extend({
  graph,
  defaultEndpointId: z.string().trim().max(100).optional(),
});

export const saveVersionSchema = z.object({
  workflowId,
  graph,
  note: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
});

export const updateWorkflowSchema = workflowDetailsSchema.extend({ workflowId });

export const defaultEndpointSchema = z.object({ workflowId, endpointId: z.string().trim().max(100).nullable() });

export const curationUpdateSchema = z.object({ workflowId, curation: curationSchema });

export const deleteWorkflowSchema = z.object({ workflowId });

export const formValuesSchema = z.record(z.string().max(300), z.union([z.string().max(100_000), z.number()]));

export const uploadedImageSchema = z.object({
  name: z.string().trim().min(1).max(200),
  image: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9+/=]+$/, "Images travel as base64."),
});

export const sweepSchema = z
  .object({
    seedPath: z.string().max(300).optional(),
    seeds: z.array(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)).max(MAX_SWEEP_RUNS).optional(),
    promptPath: z.string().max(300).optional(),
    prompts: z.array(z.string().max(100_000)).max(MAX_SWEEP_RUNS).optional(),
  })
  .refine(
    (sweep) => (sweep.seeds?.length || 1) * (sweep.prompts?.length || 1) <= MAX_SWEEP_RUNS,
    `A sweep makes at most ${MAX_SWEEP_RUNS} jobs.`,
  );

export const runWorkflowSchema = z.object({
  workflowId,
  version: z.number().int().min(1),
  endpointId: z.string().trim().min(1, "Choose an endpoint to run on."),
  values: formValuesSchema,
  randomise: z.record(z.string().max(300), z.boolean()).default({}),
  outputNodeId: z.string().trim().max(100).optional(),
  images: z.array(uploadedImageSchema).max(16).default([]),
  sweep: sweepSchema.optional(),
  webhook: webhookField.optional(),
});

export type RunWorkflowRequest = z.output<typeof runWorkflowSchema>;

/** What a run records in `workflow_runs.inputs`: the resolved values (seed after randomising), never image bytes. */
export const recordedInputsSchema = z.object({
  values: formValuesSchema,
  outputNodeId: z.string().optional(),
  images: z.array(z.string()).optional(),
  /** Position in a sweep's grid. */
  row: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type RecordedInputs = z.infer<typeof recordedInputsSchema>;
