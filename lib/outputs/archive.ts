/**
 * Archives a completed job's outputs into the output store the moment it completes (Novita drops outputs after
 * 6 hours; presigned URLs expire sooner). Idempotent: a position already archived is skipped, a blob already
 * stored (same sha256) is stored once, so a retry or a second server process does no harm.
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNotNull, notExists, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobs, outputBlobs, outputs } from "@/lib/db/schema";
import type { EventBus } from "@/lib/tracker/bus";
import { findOutputFiles, safeFilename, type FoundOutput } from "./extract";
import { downloadOutput, OutputFetchError, type FetchPolicy } from "./fetch";
import { inspectMedia, makeThumbnail } from "./media";
import { blobKey, thumbnailKey, type OutputStore } from "./store";

export interface ArchiveDeps {
  db: Database;
  store: OutputStore;
  /** The download rules for one endpoint's outputs (its BUCKET_ENDPOINT_URL host, OUTPUT_FETCH_HOSTS, mode). */
  fetchPolicy(endpointId: string): Promise<FetchPolicy>;
}

export interface ArchiveResult {
  archived: number;
  /** Files left out for good, with why (not media, refused host, too big …). */
  skipped: { filename: string; reason: string }[];
  /** Files that failed in a way a later attempt may fix (network, 5xx). */
  retryable: { filename: string; reason: string }[];
}

const COMPLETED = "COMPLETED";

async function bytesOf(file: FoundOutput, policy: () => Promise<FetchPolicy>): Promise<Buffer> {
  if (file.origin.type === "base64") return Buffer.from(file.origin.data, "base64");
  return (await downloadOutput(file.origin.url, await policy())).bytes;
}

/** Stores the blob and its thumbnail once per sha256; returns the digest. */
async function storeBlob(
  deps: ArchiveDeps,
  bytes: Buffer,
): Promise<{ sha256: string; kind: string; extension: string } | undefined> {
  const media = await inspectMedia(bytes);
  if (!media) return undefined;
  const [existing] = await deps.db
    .select({ sha256: outputBlobs.sha256 })
    .from(outputBlobs)
    .where(eq(outputBlobs.sha256, media.sha256));
  if (!existing) {
    const key = blobKey(media.sha256);
    await deps.store.put(key, bytes);
    const thumbnail = await makeThumbnail(bytes, media);
    const thumbKey = thumbnail ? thumbnailKey(media.sha256) : null;
    if (thumbnail && thumbKey) await deps.store.put(thumbKey, thumbnail);
    await deps.db
      .insert(outputBlobs)
      .values({
        sha256: media.sha256,
        mime: media.mime,
        bytes: media.bytes,
        width: media.width,
        height: media.height,
        storageKey: key,
        thumbnailKey: thumbKey,
      })
      .onConflictDoNothing();
  }
  return { sha256: media.sha256, kind: media.kind, extension: media.extension };
}

export async function archiveJobOutputs(deps: ArchiveDeps, jobId: string): Promise<ArchiveResult> {
  const result: ArchiveResult = { archived: 0, skipped: [], retryable: [] };
  const [job] = await deps.db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job || job.status !== COMPLETED || job.output === null) return result;
  const files = findOutputFiles(job.output);
  if (files.length === 0) return result;
  const done = new Set(
    (await deps.db.select({ position: outputs.position }).from(outputs).where(eq(outputs.jobId, jobId))).map(
      (row) => row.position,
    ),
  );
  let policy: Promise<FetchPolicy> | undefined;
  const policyOnce = () => (policy ??= deps.fetchPolicy(job.endpointId));
  const finishedAt = job.finishedAt ?? new Date();

  for (const file of files) {
    if (done.has(file.position)) continue;
    try {
      const bytes = await bytesOf(file, policyOnce);
      const blob = await storeBlob(deps, bytes);
      if (!blob) {
        result.skipped.push({ filename: file.filename, reason: "not an image or video the gallery can show" });
        continue;
      }
      const inserted = await deps.db
        .insert(outputs)
        .values({
          id: randomUUID(),
          jobId,
          position: file.position,
          kind: blob.kind,
          filename: safeFilename(file.filename, `output-${file.position + 1}`, blob.extension),
          sha256: blob.sha256,
          source: file.origin.type === "base64" ? "base64" : new URL(file.origin.url).host,
          endpointId: job.endpointId,
          // Newest first with the job's own order kept: position 0 is the newest of its job by a millisecond.
          createdAt: new Date(finishedAt.getTime() - file.position),
        })
        .onConflictDoNothing()
        .returning({ id: outputs.id });
      if (inserted.length) result.archived += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof OutputFetchError && !error.retryable)
        result.skipped.push({ filename: file.filename, reason });
      else result.retryable.push({ filename: file.filename, reason });
    }
  }
  return result;
}

/** Completed jobs with an output but no archived file: the backlog after a restart (or an archiver outage). */
export async function unarchivedJobIds(db: Database, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, COMPLETED),
        isNotNull(jobs.output),
        sql`jsonb_typeof(${jobs.output}) <> 'null'`,
        notExists(outputsOfJob(db, jobs.id)),
      ),
    )
    .orderBy(sql`${jobs.finishedAt} desc nulls last`)
    .limit(limit);
  return rows.map((row) => row.id);
}

function outputsOfJob(db: Database, jobIdColumn: typeof jobs.id) {
  return db
    .select({ one: sql`1` })
    .from(outputs)
    .where(eq(outputs.jobId, jobIdColumn));
}

export interface ArchiverOptions {
  concurrency?: number;
  /** Attempts per job for failures that may pass (network, 5xx). */
  attempts?: number;
  retryDelayMs?: number;
  bus?: EventBus;
  onError?: (error: unknown, context: string) => void;
  onResult?: (jobId: string, result: ArchiveResult) => void;
}

/**
 * A small in-process queue: `enqueue` returns at once (the tracker's loop never waits for a download), at most
 * `concurrency` jobs are archived at a time, and failures that may pass are retried with a growing pause.
 */
export class OutputArchiver {
  private readonly queue: { jobId: string; attempt: number }[] = [];
  private readonly pending = new Set<string>();
  private active = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: ArchiveDeps,
    private readonly options: ArchiverOptions = {},
  ) {}

  enqueue(jobId: string, attempt = 1): void {
    if (this.pending.has(jobId) && attempt === 1) return;
    this.pending.add(jobId);
    this.queue.push({ jobId, attempt });
    this.pump();
  }

  /** Queues the backlog (completed jobs with nothing archived yet); returns how many. */
  async enqueueBacklog(limit = 1_000): Promise<number> {
    const ids = await unarchivedJobIds(this.deps.db, limit);
    for (const id of ids) this.enqueue(id);
    return ids.length;
  }

  /** Resolves when nothing is queued, running or waiting for a retry (tests, benchmarks). */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 2;
    while (this.active < limit && this.queue.length) {
      const next = this.queue.shift()!;
      this.active += 1;
      void this.run(next.jobId, next.attempt).finally(() => {
        this.active -= 1;
        this.pump();
        this.settleIdle();
      });
    }
  }

  private settleIdle(): void {
    if (this.pending.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async run(jobId: string, attempt: number): Promise<void> {
    const attempts = this.options.attempts ?? 4;
    let retry = false;
    try {
      const result = await archiveJobOutputs(this.deps, jobId);
      this.options.onResult?.(jobId, result);
      if (result.archived > 0) this.options.bus?.publish({ type: "outputs", jobId, count: result.archived });
      for (const skipped of result.skipped)
        this.options.onError?.(new Error(skipped.reason), `output ${skipped.filename} of job ${jobId} not archived`);
      retry = result.retryable.length > 0;
      if (retry && attempt >= attempts) {
        for (const failed of result.retryable)
          this.options.onError?.(
            new Error(failed.reason),
            `output ${failed.filename} of job ${jobId} not archived after ${attempt} attempts`,
          );
      }
    } catch (error) {
      retry = true;
      this.options.onError?.(error, `archiving job ${jobId} (attempt ${attempt})`);
    }
    if (retry && attempt < attempts) {
      const delay = (this.options.retryDelayMs ?? 2_000) * 2 ** (attempt - 1);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.queue.push({ jobId, attempt: attempt + 1 });
        this.pump();
      }, delay);
      timer.unref?.();
      this.timers.add(timer);
      return;
    }
    this.pending.delete(jobId);
  }
}
