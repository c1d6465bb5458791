/** Reading the archive: keyset pages for the gallery, one output for the file routes, favourites. */
import { and, asc, desc, eq, exists, lt, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { inputTextCondition } from "@/lib/jobs/ledger";
import { jobs, outputBlobs, outputFavourites, outputs, workflowRuns, workflows } from "@/lib/db/schema";
import {
  decodeOutputCursor,
  encodeOutputCursor,
  type GalleryItem,
  type GalleryPage,
  type OutputDetails,
  type OutputListQuery,
} from "./query";
import type { OutputKind } from "./sniff";
import { promptAndSeed } from "./prompt";

export interface OutputFilters {
  endpointId?: string;
  workflowId?: string;
  jobId?: string;
  from?: Date;
  to?: Date;
  search?: string;
  favouritesOnly?: boolean;
}

export function toOutputFilters(query: OutputListQuery): OutputFilters {
  return {
    endpointId: query.endpoint,
    workflowId: query.workflow,
    jobId: query.job,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    search: query.q,
    favouritesOnly: query.favourites === "1",
  };
}

/** Whether this person starred the output: `exists (…)`, for the favourites filter and each item's star. */
const starredBy = (userId: string) => {
  const star = and(eq(outputFavourites.outputId, outputs.id), eq(outputFavourites.userId, userId));
  return exists(sql`(select 1 from ${outputFavourites} where ${star})`);
};

function conditions(filters: OutputFilters, userId: string): SQL[] {
  const where: SQL[] = [];
  if (filters.endpointId) where.push(eq(outputs.endpointId, filters.endpointId));
  if (filters.jobId) where.push(eq(outputs.jobId, filters.jobId));
  if (filters.workflowId) where.push(eq(workflowRuns.workflowId, filters.workflowId));
  if (filters.from) where.push(sql`${outputs.createdAt} >= ${filters.from}`);
  if (filters.to) where.push(sql`${outputs.createdAt} < ${filters.to}`);
  const search = filters.search?.trim();
  // The same "text inside the input" search as the jobs list (its full-text index).
  if (search) where.push(inputTextCondition(search));
  if (filters.favouritesOnly) where.push(starredBy(userId));
  return where;
}

const itemColumns = (userId: string) => ({
  id: outputs.id,
  jobId: outputs.jobId,
  position: outputs.position,
  kind: outputs.kind,
  filename: outputs.filename,
  endpointId: outputs.endpointId,
  createdAt: outputs.createdAt,
  mime: outputBlobs.mime,
  bytes: outputBlobs.bytes,
  width: outputBlobs.width,
  height: outputBlobs.height,
  thumbnailKey: outputBlobs.thumbnailKey,
  workflowId: workflowRuns.workflowId,
  workflowVersion: workflowRuns.workflowVersion,
  workflowName: workflows.name,
  favourite: sql<boolean>`${starredBy(userId)}`,
});

type ItemRow = {
  id: string;
  jobId: string;
  position: number;
  kind: string;
  filename: string;
  endpointId: string;
  createdAt: Date;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  thumbnailKey: string | null;
  workflowId: string | null;
  workflowVersion: number | null;
  workflowName: string | null;
  favourite: boolean;
};

function toItem(row: ItemRow): GalleryItem {
  return {
    id: row.id,
    jobId: row.jobId,
    position: row.position,
    kind: row.kind as OutputKind,
    filename: row.filename,
    mime: row.mime,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    hasThumbnail: Boolean(row.thumbnailKey),
    endpointId: row.endpointId,
    createdAt: row.createdAt.toISOString(),
    favourite: Boolean(row.favourite),
    workflowId: row.workflowId,
    workflowVersion: row.workflowVersion,
    workflowName: row.workflowName,
  };
}

/** Newest first, after `cursor` (keyset on created_at, id: stable while new outputs arrive). */
export async function listOutputs(
  db: Database,
  filters: OutputFilters,
  options: { userId: string; after?: string; limit: number },
): Promise<GalleryPage> {
  const where = conditions(filters, options.userId);
  const cursor = decodeOutputCursor(options.after);
  if (cursor) {
    const at = new Date(cursor.createdAt);
    where.push(or(lt(outputs.createdAt, at), and(eq(outputs.createdAt, at), lt(outputs.id, cursor.id)))!);
  }
  const rows = await db
    .select(itemColumns(options.userId))
    .from(outputs)
    .innerJoin(outputBlobs, eq(outputBlobs.sha256, outputs.sha256))
    .innerJoin(jobs, eq(jobs.id, outputs.jobId))
    .leftJoin(workflowRuns, eq(workflowRuns.jobId, outputs.jobId))
    .leftJoin(workflows, eq(workflows.id, workflowRuns.workflowId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(outputs.createdAt), desc(outputs.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    next:
      rows.length > options.limit && last
        ? encodeOutputCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}

/** A gallery page for a query (`/api/outputs` and `/api/v1/outputs`); favourites are the caller's own. */
export function loadOutputPage(db: Database, query: OutputListQuery, userId: string): Promise<GalleryPage> {
  return listOutputs(db, toOutputFilters(query), { userId, after: query.after, limit: query.limit });
}

/** The bytes' whereabouts for the file routes. The id is only ever compared in SQL, never joined into a path. */
export async function findOutputFile(db: Database, id: string) {
  if (id.length > 200) return undefined;
  const [row] = await db
    .select({
      id: outputs.id,
      filename: outputs.filename,
      sha256: outputs.sha256,
      mime: outputBlobs.mime,
      bytes: outputBlobs.bytes,
      storageKey: outputBlobs.storageKey,
      thumbnailKey: outputBlobs.thumbnailKey,
    })
    .from(outputs)
    .innerJoin(outputBlobs, eq(outputBlobs.sha256, outputs.sha256))
    .where(eq(outputs.id, id));
  return row;
}

/** The prompt, seed and job facts for the lightbox's panel (from the workflow run's inputs when there is one). */
export async function loadOutputDetails(db: Database, id: string): Promise<OutputDetails | undefined> {
  const [row] = await db
    .select({ input: jobs.input, status: jobs.status, submittedAt: jobs.submittedAt, runInputs: workflowRuns.inputs })
    .from(outputs)
    .innerJoin(jobs, eq(jobs.id, outputs.jobId))
    .leftJoin(workflowRuns, eq(workflowRuns.jobId, outputs.jobId))
    .where(eq(outputs.id, id));
  if (!row) return undefined;
  const fromRun = row.runInputs ? promptAndSeed(row.runInputs) : undefined;
  const fromInput = promptAndSeed(row.input);
  return {
    prompt: fromRun?.prompt ?? fromInput.prompt,
    negativePrompt: fromRun?.negativePrompt ?? fromInput.negativePrompt,
    seed: fromRun?.seed ?? fromInput.seed,
    jobStatus: row.status,
    submittedAt: row.submittedAt.toISOString(),
  };
}

/** Sets or clears one person's star; false when the output does not exist. */
export async function setFavourite(
  db: Database,
  userId: string,
  outputId: string,
  favourite: boolean,
): Promise<boolean> {
  const [output] = await db.select({ id: outputs.id }).from(outputs).where(eq(outputs.id, outputId));
  if (!output) return false;
  if (favourite) await db.insert(outputFavourites).values({ userId, outputId }).onConflictDoNothing();
  else
    await db
      .delete(outputFavourites)
      .where(and(eq(outputFavourites.userId, userId), eq(outputFavourites.outputId, outputId)));
  return true;
}

/** The gallery's workflow filter: every workflow, by name. */
export async function listWorkflowChoices(db: Database): Promise<{ id: string; name: string }[]> {
  return db.select({ id: workflows.id, name: workflows.name }).from(workflows).orderBy(asc(workflows.name));
}
