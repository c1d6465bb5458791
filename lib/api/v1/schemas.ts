/**
 * The zod schemas of what `/api/v1` answers, registered under the names the OpenAPI document gives them. Each one
 * `satisfies` the TypeScript type the service returns, so a field added there fails the type check until it is
 * documented here. Request schemas are the domains' own (lib/<domain>/*-schema.ts, query.ts), registered in
 * `requestSchemas`.
 */
import { z } from "zod";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "@/lib/errors";
import type { JobSummary } from "@/lib/jobs/summary";
import { JOB_STATUS_GROUPS } from "@/lib/jobs/status";
import { WEBHOOK_STATES } from "@/lib/webhooks/schema";
import type { GalleryItem, GalleryPage } from "@/lib/outputs/query";
import type { WorkflowListItem } from "@/lib/workflows/service";

/** Schemas of answers, converted with `io: "output"`. */
export const responseSchemas = z.registry<{ id: string; description?: string }>();
/** Schemas of request bodies, converted with `io: "input"` (defaults make a field optional). */
export const requestSchemas = z.registry<{ id: string; description?: string }>();

/** Registers `schema` as `#/components/schemas/<id>` of the answers. */
function answer<Schema extends z.ZodType>(id: string, schema: Schema, description?: string): Schema {
  responseSchemas.add(schema, { id, description });
  return schema;
}

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = answer(
  "ErrorBody",
  z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe("A sentence for people: what went wrong and what to do."),
    fields: z.record(z.string(), z.string()).optional().describe("Per field or parameter: its problem."),
  }) satisfies z.ZodType<ErrorBody>,
);

export const errorResponseSchema = answer(
  "Error",
  z.object({ error: errorBodySchema }),
  "The console's one error shape, the same codes as its server actions.",
);

const iso = z.string().describe("ISO 8601 time");

export const jobSummarySchema = answer(
  "JobSummary",
  z.object({
    id: z.string().describe("The console's job id."),
    novitaJobId: z.string().nullable(),
    endpointId: z.string(),
    routeName: z.string(),
    status: z.string().describe("Novita's status, or SUBMITTING, UNKNOWN (outcome unknown), EXPIRED."),
    finished: z.boolean(),
    error: z.string().nullable(),
    submittedBy: z.string().nullable().describe("The person's user id."),
    resubmittedFrom: z.string().nullable(),
    submittedAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    delayTimeMs: z.number().nullable(),
    executionTimeMs: z.number().nullable(),
    hasOutput: z.boolean(),
  }) satisfies z.ZodType<JobSummary>,
);

export const jobPageSchema = answer(
  "JobPage",
  z.object({
    jobs: z.array(jobSummarySchema),
    next: z.string().nullable().describe("Pass as `after` for the next page; null on the last."),
    counts: z.record(z.enum([...JOB_STATUS_GROUPS, "all"]), z.number()).describe("Jobs per status tab."),
    countsAtLeast: z
      .array(z.enum([...JOB_STATUS_GROUPS, "all"]))
      .describe(
        "Tabs whose count is a lower bound: filtered counts stop at 10,000 (shown as 10,000+), at 1,000 under a word search.",
      ),
  }),
);

export const jobDetailsSchema = answer(
  "JobDetails",
  z.object({
    job: jobSummarySchema.extend({ input: z.unknown(), output: z.unknown() }),
    events: z.array(z.object({ status: z.string(), at: iso, detail: z.string().nullable() })).describe("Timeline."),
    stuck: z.object({ reason: z.string(), fix: z.string() }).nullable().describe("Why a long-queued job waits."),
    webhook: z
      .object({
        url: z.string(),
        state: z.enum(WEBHOOK_STATES),
        nextAttemptAt: iso.nullable(),
        attempts: z.array(
          z.object({
            attempt: z.number(),
            at: iso,
            statusCode: z.number().nullable(),
            error: z.string().nullable(),
            durationMs: z.number(),
          }),
        ),
      })
      .nullable()
      .describe("The run's webhook and each delivery attempt; null without one."),
  }),
);

export const sentJobSchema = answer(
  "SentJob",
  z.object({
    job: jobSummarySchema,
    failure: z
      .object({
        kind: z.string(),
        outcomeUnknown: z
          .boolean()
          .describe("Novita may or may not have queued it: the job is UNKNOWN and is never sent again by itself."),
        message: z.string(),
      })
      .nullable(),
  }),
  "A job written to the ledger and sent; `failure` when Novita refused it or did not answer.",
);

export const sentJobsSchema = answer("SentJobs", z.object({ jobs: z.array(sentJobSchema) }));

export const cancelledJobSchema = answer(
  "CancelledJob",
  z.object({ id: z.string(), cancelled: z.literal(true) }),
  "Novita was asked to cancel; the tracker records the new status.",
);

/**
 * An object the schema describes in part (Novita's endpoint has many settings): documented as open to more
 * properties, typed as exactly these, so the service's interface still has to fit it.
 */
function partly<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(shape).meta({ additionalProperties: true });
}

const endpointStatusSchema = partly({ state: z.string(), error: z.string(), message: z.string() });

export const endpointViewSchema = answer(
  "EndpointView",
  partly({
    endpoint: partly({
      id: z.string(),
      type: z.string(),
      status: endpointStatusSchema,
      url: z.string(),
      spec: partly({ name: z.string(), appName: z.string() }).describe("Settings (secret values masked)."),
      workers: z.array(partly({ id: z.string(), status: endpointStatusSchema, healthy: z.boolean() })),
      jobRouteName: z.string(),
      jobRouteCandidates: z.array(z.string()),
    }),
    health: z
      .object({
        workers: z.object({ idle: z.number(), running: z.number(), throttled: z.number(), total: z.number() }),
        jobs: z.object({
          completed: z.number(),
          failed: z.number(),
          inProgress: z.number(),
          inQueue: z.number(),
          retried: z.number(),
        }),
        source: z.enum(["health", "stats"]),
      })
      .nullable()
      .describe("Novita's /health counters; null when they could not be read."),
    product: partly({ id: z.string(), name: z.string() }).optional(),
    runningWorkers: z.number(),
    costPerHourNow: z.number().optional().describe("USD per hour for the workers that exist now."),
    jobRoute: partly({ name: z.string(), source: z.enum(["override", "learned", "guess"]) }),
    createdAt: iso.optional(),
  }),
  "An endpoint as the Endpoints page shows it: Novita's settings and state, health, cost, route name.",
);

export const endpointListSchema = answer("EndpointList", z.object({ endpoints: z.array(endpointViewSchema) }));

export const workflowListItemSchema = answer(
  "WorkflowListItem",
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    latestVersion: z.number(),
    defaultEndpointId: z.string().nullable(),
    nodeCount: z.number(),
    runCount: z.number(),
    lastRunAt: iso.nullable(),
    updatedAt: iso,
  }) satisfies z.ZodType<WorkflowListItem>,
);

export const workflowListSchema = answer("WorkflowList", z.object({ workflows: z.array(workflowListItemSchema) }));

export const workflowFieldSchema = answer(
  "WorkflowField",
  z.object({
    name: z.string().describe("The key in a run's `inputs`: the label as an identifier (`negative_prompt`)."),
    label: z.string(),
    kind: z.enum(["prompt", "seed", "integer", "number", "choice", "model", "image"]),
    group: z.enum(["basic", "advanced"]),
    hidden: z.boolean().describe("Hidden from the form by the team; still settable."),
    default: z.union([z.string(), z.number()]),
    path: z.string().describe("The node input it sets: `<node id>.inputs.<input>` (also accepted as a key)."),
    nodeId: z.string(),
    input: z.string(),
    classType: z.string(),
    min: z.number().optional(),
    max: z.number().optional(),
    step: z.number().optional(),
    suggestions: z.array(z.string()).optional(),
  }),
);

export const workflowDetailsSchema = answer(
  "WorkflowDetails",
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    latestVersion: z.number(),
    defaultEndpointId: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
    versions: z.array(z.object({ version: z.number(), note: z.string(), createdAt: iso })).describe("Newest first."),
    version: z.number().describe("The version whose form `fields` describe."),
    fields: z.array(workflowFieldSchema).describe("The form, in the team's order."),
    outputNodeIds: z.array(z.string()),
  }),
);

export const workflowRunSchema = answer(
  "WorkflowRun",
  z.object({
    sweepId: z.string().nullable(),
    runs: z.array(
      sentJobSchema.extend({
        inputs: partly({ values: z.record(z.string(), z.union([z.string(), z.number()])) }),
      }),
    ),
  }),
  "The jobs of a run (one, or one per sweep combination), each with the values it was sent with, by node path.",
);

const galleryItemSchema = answer(
  "Output",
  z.object({
    id: z.string(),
    jobId: z.string(),
    position: z.number(),
    kind: z.enum(["image", "gif", "video"]),
    filename: z.string(),
    mime: z.string(),
    bytes: z.number(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    hasThumbnail: z.boolean(),
    endpointId: z.string(),
    createdAt: iso,
    favourite: z.boolean().describe("The caller's own favourite."),
    workflowId: z.string().nullable(),
    workflowVersion: z.number().nullable(),
    workflowName: z.string().nullable(),
  }) satisfies z.ZodType<GalleryItem>,
);

export const outputPageSchema = answer(
  "OutputPage",
  z.object({ items: z.array(galleryItemSchema), next: z.string().nullable() }) satisfies z.ZodType<GalleryPage>,
);

/** A path id (`{id}`): no control characters, as every route's. */
export const idParamsSchema = z.object({
  id: z.string().min(1).max(200).describe("The resource's id."),
});
