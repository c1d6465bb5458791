/**
 * The workflow library in the database: workflows with numbered versions (every save is a new one), the form
 * curation that carries across versions, the default endpoint, and runs — each a ledger job sent through the job
 * service, with the workflow, version and resolved inputs recorded next to it.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, max, sql } from "drizzle-orm";
import { EMPTY_CURATION, type Curation } from "@/lib/comfyui/curation";
import { readCuration } from "@/lib/comfyui/curation-schema";
import { applyValues, extractFields, resolveSeeds, valueProblems } from "@/lib/comfyui/fields";
import { validateGraph, type ApiGraph, type WorkflowIssue } from "@/lib/comfyui/graph";
import { buildJobInput } from "@/lib/comfyui/job-input";
import { expandSweep } from "@/lib/comfyui/sweep";
import type { Database } from "@/lib/db/client";
import { ConsoleError } from "@/lib/errors";
import { workflowRuns, workflows, workflowVersions } from "@/lib/db/schema";
import { recordAndSendBatch, type JobServiceDeps, type SentJob } from "@/lib/jobs/service";
import { recordedInputsSchema, type RecordedInputs, type RunWorkflowRequest } from "./schema";

export type WorkflowRow = typeof workflows.$inferSelect;
export type WorkflowVersionRow = typeof workflowVersions.$inferSelect;

/** A graph that failed the checks; the issues name the nodes. */
export class InvalidWorkflow extends ConsoleError {
  constructor(readonly issues: WorkflowIssue[]) {
    const message = issues.map((issue) => issue.message).join("\n");
    super("invalid", message, { graph: message });
  }
}

/** No such workflow, or no such version of it. */
export class WorkflowNotFound extends ConsoleError {
  constructor(
    readonly id: string,
    readonly version?: number,
  ) {
    const missing = version ? `Workflow ${id} has no version ${version}.` : `No workflow ${id}.`;
    super("not_found", `${missing} It may have been deleted; reload the page.`);
  }
}

/** Form values that cannot go into the graph, keyed by node path. */
export class InvalidRunValues extends ConsoleError {
  constructor(readonly problems: Record<string, string>) {
    super("invalid", "Some fields need attention.", problems);
  }
}

function checked(graph: unknown): ApiGraph {
  const issues = validateGraph(graph);
  if (issues.length) throw new InvalidWorkflow(issues);
  return graph as ApiGraph;
}

/** Imports a checked graph as version 1 of a new workflow. */
export async function createWorkflow(
  db: Database,
  request: { name: string; description: string; graph: unknown; defaultEndpointId?: string; userId: string | null },
): Promise<WorkflowRow> {
  const graph = checked(request.graph);
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workflows)
      .values({
        id,
        name: request.name,
        description: request.description,
        defaultEndpointId: request.defaultEndpointId || null,
        latestVersion: 1,
        curation: EMPTY_CURATION,
        createdBy: request.userId,
      })
      .returning();
    await tx
      .insert(workflowVersions)
      .values({ workflowId: id, version: 1, graph, note: "Imported", createdBy: request.userId });
    return row!;
  });
}

/** Saves a graph as the next version; the curation (by node path) applies to it as it is. */
export async function saveWorkflowVersion(
  db: Database,
  request: { workflowId: string; graph: unknown; note: string; userId: string | null },
): Promise<number> {
  const graph = checked(request.graph);
  return db.transaction(async (tx) => {
    // The row lock orders two saves of one workflow, so each gets its own number.
    const [current] = await tx.select().from(workflows).where(eq(workflows.id, request.workflowId)).for("update");
    if (!current) throw new WorkflowNotFound(request.workflowId);
    const version = current.latestVersion + 1;
    await tx
      .insert(workflowVersions)
      .values({ workflowId: request.workflowId, version, graph, note: request.note, createdBy: request.userId });
    await tx.update(workflows).set({ latestVersion: version }).where(eq(workflows.id, request.workflowId));
    return version;
  });
}

/** Renames a workflow or changes its description. */
export async function updateWorkflowDetails(
  db: Database,
  request: { workflowId: string; name: string; description: string },
): Promise<WorkflowRow> {
  const [row] = await db
    .update(workflows)
    .set({ name: request.name, description: request.description })
    .where(eq(workflows.id, request.workflowId))
    .returning();
  if (!row) throw new WorkflowNotFound(request.workflowId);
  return row;
}

/** The endpoint the workflow's form starts on (null for none). */
export async function setDefaultEndpoint(
  db: Database,
  workflowId: string,
  endpointId: string | null,
): Promise<WorkflowRow> {
  const [row] = await db
    .update(workflows)
    .set({ defaultEndpointId: endpointId })
    .where(eq(workflows.id, workflowId))
    .returning();
  if (!row) throw new WorkflowNotFound(workflowId);
  return row;
}

/** Saves the form's layout (it applies to every version). */
export async function updateCuration(db: Database, workflowId: string, curation: Curation): Promise<WorkflowRow> {
  const [row] = await db.update(workflows).set({ curation }).where(eq(workflows.id, workflowId)).returning();
  if (!row) throw new WorkflowNotFound(workflowId);
  return row;
}

/** Deletes the workflow and its versions; its jobs stay in the ledger (their run rows lose the link). */
export async function deleteWorkflow(db: Database, workflowId: string): Promise<WorkflowRow> {
  const [row] = await db.delete(workflows).where(eq(workflows.id, workflowId)).returning();
  if (!row) throw new WorkflowNotFound(workflowId);
  return row;
}

/** What the library card and the workflow page both say of a workflow. */
interface WorkflowSummary {
  id: string;
  name: string;
  description: string;
  latestVersion: number;
  defaultEndpointId: string | null;
}

function summaryOf(row: WorkflowRow): WorkflowSummary {
  const { id, name, description, latestVersion, defaultEndpointId } = row;
  return { id, name, description, latestVersion, defaultEndpointId };
}

export interface WorkflowListItem extends WorkflowSummary {
  nodeCount: number;
  runCount: number;
  lastRunAt: string | null;
  updatedAt: string;
}

/** The library, most recently changed first, with each workflow's run count and last run. */
export async function listWorkflows(db: Database): Promise<WorkflowListItem[]> {
  const rows = await db.select().from(workflows).orderBy(desc(workflows.updatedAt));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const runs = await db
    .select({
      workflowId: workflowRuns.workflowId,
      runs: sql<number>`count(*)::int`,
      lastRunAt: max(workflowRuns.createdAt),
    })
    .from(workflowRuns)
    .where(inArray(workflowRuns.workflowId, ids))
    .groupBy(workflowRuns.workflowId);
  const latest = await db
    .select({
      workflowId: workflowVersions.workflowId,
      graph: workflowVersions.graph,
      version: workflowVersions.version,
    })
    .from(workflowVersions)
    .innerJoin(
      workflows,
      and(eq(workflows.id, workflowVersions.workflowId), eq(workflows.latestVersion, workflowVersions.version)),
    );
  return rows.map((row) => {
    const stats = runs.find((run) => run.workflowId === row.id);
    const graph = latest.find((version) => version.workflowId === row.id)?.graph;
    return {
      ...summaryOf(row),
      nodeCount: graph && typeof graph === "object" ? Object.keys(graph).length : 0,
      runCount: stats?.runs ?? 0,
      lastRunAt: stats?.lastRunAt ? new Date(stats.lastRunAt).toISOString() : null,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export interface WorkflowVersionView {
  version: number;
  graph: ApiGraph;
  note: string;
  createdAt: string;
}

export interface WorkflowView extends WorkflowSummary {
  curation: Curation;
  createdAt: string;
  updatedAt: string;
  /** Newest first. */
  versions: WorkflowVersionView[];
}

/** A workflow with all its versions, newest first; undefined when there is none. */
export async function getWorkflow(db: Database, id: string): Promise<WorkflowView | undefined> {
  const [row] = await db.select().from(workflows).where(eq(workflows.id, id));
  if (!row) return undefined;
  const versions = await db
    .select()
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, id))
    .orderBy(desc(workflowVersions.version));
  return {
    ...summaryOf(row),
    curation: readCuration(row.curation),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    versions: versions.map((version) => ({
      version: version.version,
      graph: version.graph as ApiGraph,
      note: version.note,
      createdAt: version.createdAt.toISOString(),
    })),
  };
}

export interface RunView {
  jobId: string;
  workflowId: string | null;
  version: number;
  inputs: RecordedInputs;
  sweepId: string | null;
  createdAt: string;
}

function toRunView(row: typeof workflowRuns.$inferSelect): RunView {
  const parsed = recordedInputsSchema.safeParse(row.inputs);
  return {
    jobId: row.jobId,
    workflowId: row.workflowId,
    version: row.workflowVersion,
    inputs: parsed.success ? parsed.data : { values: {} },
    sweepId: row.sweepId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The run a job came from — what `/workflows/<id>?from=<jobId>` pre-fills the form with. */
export async function getRunOfJob(db: Database, jobId: string): Promise<RunView | undefined> {
  const [row] = await db.select().from(workflowRuns).where(eq(workflowRuns.jobId, jobId));
  return row ? toRunView(row) : undefined;
}

/** A workflow's latest runs, newest first. */
export async function listRuns(db: Database, workflowId: string, limit = 24): Promise<RunView[]> {
  const rows = await db
    .select()
    .from(workflowRuns)
    .where(eq(workflowRuns.workflowId, workflowId))
    .orderBy(desc(workflowRuns.createdAt))
    .limit(limit);
  return rows.map(toRunView);
}

export interface WorkflowRunResult {
  sweepId: string | null;
  runs: { sent: SentJob; inputs: RecordedInputs }[];
}

/**
 * Sends a workflow: one job, or one per combination of a sweep's prompts × seeds. Every job's input is built and
 * measured before the first is sent, so a run that cannot go through sends nothing. Randomised seeds are resolved
 * here and recorded, so any result can be repeated exactly.
 */
export async function runWorkflow(
  deps: JobServiceDeps,
  request: RunWorkflowRequest & { userId: string | null },
  random: () => number = Math.random,
): Promise<WorkflowRunResult> {
  const [version] = await deps.db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.workflowId, request.workflowId), eq(workflowVersions.version, request.version)));
  if (!version) throw new WorkflowNotFound(request.workflowId, request.version);
  const graph = checked(version.graph);
  const fields = extractFields(graph);
  const known = new Set(fields.map((field) => field.path));
  const values = Object.fromEntries(Object.entries(request.values).filter(([path]) => known.has(path)));
  const problems = valueProblems(fields, {
    ...Object.fromEntries(fields.map((field) => [field.path, field.defaultValue])),
    ...values,
  });
  if (Object.keys(problems).length) throw new InvalidRunValues(problems);
  if (request.outputNodeId && !graph[request.outputNodeId])
    throw new InvalidRunValues({ outputNodeId: `Node ${request.outputNodeId} is not in version ${request.version}.` });

  const sweep = request.sweep;
  if (sweep?.seedPath && !known.has(sweep.seedPath))
    throw new InvalidRunValues({ sweep: `The sweep's seed field ${sweep.seedPath} is not in this version.` });
  if (sweep?.promptPath && !known.has(sweep.promptPath))
    throw new InvalidRunValues({ sweep: `The sweep's prompt field ${sweep.promptPath} is not in this version.` });
  const swept = expandSweep(values, sweep ?? {});
  const imageNames = request.images.map((image) => image.name);
  const planned = swept.map((run) => {
    // A seed the sweep sets is fixed; other seeds marked "randomise" get a fresh value per job.
    const randomise = { ...request.randomise };
    if (sweep?.seedPath && sweep.seeds?.length) delete randomise[sweep.seedPath];
    const resolved = resolveSeeds(fields, run.values, randomise, random);
    const input = buildJobInput(applyValues(graph, fields, resolved), {
      outputNodeId: request.outputNodeId,
      images: request.images,
    });
    const inputs: RecordedInputs = {
      values: resolved,
      ...(request.outputNodeId ? { outputNodeId: request.outputNodeId } : {}),
      ...(imageNames.length ? { images: imageNames } : {}),
      ...(sweep ? { row: run.row, column: run.column } : {}),
    };
    return { input, inputs };
  });
  const sweepId = planned.length > 1 || sweep ? randomUUID() : null;
  // Every job of the run and its run row are recorded together before the first is sent (the outbox).
  const sent = await recordAndSendBatch(deps, {
    endpointId: request.endpointId,
    inputs: planned.map(({ input }) => input),
    userId: request.userId,
    webhook: request.webhook,
    sizeField: "images",
    alsoRecord: async (tx, rows) => {
      await tx.insert(workflowRuns).values(
        rows.map((row, index) => ({
          jobId: row.id,
          workflowId: request.workflowId,
          workflowVersion: request.version,
          inputs: planned[index]!.inputs,
          sweepId,
        })),
      );
    },
  });
  const runs: WorkflowRunResult["runs"] = sent.map((entry, index) => ({ sent: entry, inputs: planned[index]!.inputs }));
  await deps.db.update(workflows).set({ updatedAt: new Date() }).where(eq(workflows.id, request.workflowId));
  return { sweepId, runs };
}
