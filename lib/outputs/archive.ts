/**
 * Archives a completed job's outputs into the output store the moment it completes (Novita drops outputs after
 * 6 hours; presigned URLs expire sooner). `archiveJobOutputs` is idempotent: a position already archived is skipped,
 * a blob already stored (same sha256) is stored once. `OutputArchiver` drives it from the database: each completed
 * job is archived once across replicas, and a restart resumes what was pending.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { jobs, outputBlobs, outputs } from "@/lib/db/schema";
import type { EventBus } from "@/lib/tracker/bus";
import { BackgroundLoop } from "@/lib/utils/loop";
import { findOutputFiles, safeFilename, type FoundOutput } from "./extract";
import { downloadOutput, OutputFetchError, type FetchPolicy } from "./fetch";
import { inspectMedia, makeThumbnail } from "./media";
import { blobKey, OutputStoreError, thumbnailKey, type OutputStore } from "./store";

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
  /** The output store refused a write (disk full, read-only …): the job waits for the store, whatever its attempts. */
  storeUnwritable?: string;
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
      if (error instanceof OutputStoreError) {
        // The next file would meet the same store: stop here, the job waits for the store as a whole.
        result.storeUnwritable = reason;
        break;
      }
      if (error instanceof OutputFetchError && !error.retryable)
        result.skipped.push({ filename: file.filename, reason });
      else result.retryable.push({ filename: file.filename, reason });
    }
  }
  return result;
}

/** What a job's page says while the store refuses writes. */
const storeNote = (unwritable: string) =>
  `Waiting for the output store: ${unwritable}. Archiving resumes on its own once it can write.`;

export interface ArchiverOptions {
  /** Jobs archived at a time by this process. */
  concurrency?: number;
  /** Attempts per job for failures that may pass (network, 5xx); the last failed one leaves the job `failed`. */
  attempts?: number;
  /** The pause after attempt n is `retryDelayMs × 2^(n-1)`. */
  retryDelayMs?: number;
  /** How often the loop looks for due jobs when nothing pokes it. */
  loopMs?: number;
  /**
   * How long a claim keeps a job out of other replicas' reach (15 s). While this process works on the job it renews
   * the lease every third of it, so a long download keeps its job; a replica that dies mid-work stops renewing, and
   * another takes the job at most `leaseMs` later.
   */
  leaseMs?: number;
  /**
   * Renewals stop this long after the claim (10 min), so a download that hangs does not hold its job for ever: the
   * lease then runs out and another replica tries (the hung attempt's outcome is fenced off). Two attempts at once
   * are harmless: positions and blobs are stored once.
   */
  holdMaxMs?: number;
  /** How often `idle()` asks the database. */
  idlePollMs?: number;
  /**
   * While the output store refuses writes (disk full …): how long this process waits before it tries one job again.
   * Such tries use up no attempt: the job is not at fault, and it stays pending until the store takes writes.
   */
  storeRetryMs?: number;
  bus?: EventBus;
  onError?: (error: unknown, context: string) => void;
  onResult?: (jobId: string, result: ArchiveResult) => void;
  /** Each claim: the job and which attempt this is (metrics, tests). */
  onClaim?: (jobId: string, attempt: number) => void;
}

const DEFAULTS = {
  concurrency: 2,
  attempts: 4,
  retryDelayMs: 2_000,
  loopMs: 1_000,
  // A replica that dies mid-archive holds its jobs this long; a second attempt after it is harmless (idempotent).
  leaseMs: 15_000,
  holdMaxMs: 10 * 60_000,
  idlePollMs: 25,
  storeRetryMs: 10_000,
};

/** A job this process holds: `attempt` (the row's archive_attempts after the claim) fences the outcome's write. */
interface Claimed {
  id: string;
  attempt: number;
}

/** The row is still this attempt's: pending, and no later claim has counted another attempt (the fencing token). */
const stillHeld = (job: Claimed) =>
  and(eq(jobs.id, job.id), eq(jobs.archiveState, "pending"), eq(jobs.archiveAttempts, job.attempt));

/**
 * The archive queue is the jobs table (`archive_state` `pending`, migration 0010): the ledger marks a job `pending`
 * in the same write that records it COMPLETED. Each process runs one loop that claims due jobs with
 * `FOR UPDATE SKIP LOCKED` and leases them (`archive_next_at`), so replicas on one Postgres never take the same job,
 * archives them (at most `concurrency` at a time) and records `done`, a retry after a growing pause, or `failed`.
 * A restart resumes from the rows; `enqueue` only wakes the loop (the tracker's loop never waits for a download).
 */
export class OutputArchiver {
  private readonly settings: typeof DEFAULTS;
  private readonly loop: BackgroundLoop;
  private started = false;
  private active = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private filling: Promise<void> | undefined;
  private fillAgain = false;
  /** Set while the output store refuses writes: no claims before then (one probe job per pause, not every job). */
  private storeBlockedUntil = 0;
  /** Why, while the store refuses writes. */
  private storeUnwritable: string | undefined;

  constructor(
    private readonly deps: ArchiveDeps,
    private readonly options: ArchiverOptions = {},
  ) {
    this.settings = {
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      attempts: options.attempts ?? DEFAULTS.attempts,
      retryDelayMs: options.retryDelayMs ?? DEFAULTS.retryDelayMs,
      loopMs: options.loopMs ?? DEFAULTS.loopMs,
      leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
      holdMaxMs: options.holdMaxMs ?? DEFAULTS.holdMaxMs,
      idlePollMs: options.idlePollMs ?? DEFAULTS.idlePollMs,
      storeRetryMs: options.storeRetryMs ?? DEFAULTS.storeRetryMs,
    };
    this.loop = new BackgroundLoop(
      () => this.fill(),
      this.settings.loopMs,
      (error) => this.options.onError?.(error, "archive tick"),
    );
  }

  /** Starts the loop (idempotent): due jobs are claimed now and every `loopMs`, and whenever a slot frees up. */
  start(): void {
    this.started = true;
    this.loop.start();
  }

  /** Stops claiming; resolves once the jobs in hand are archived and recorded. */
  async stop(): Promise<void> {
    this.started = false;
    this.loop.stop();
    await this.filling?.catch(() => {});
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * A job completed: wakes the loop so it is archived now rather than at the next tick. The row is the queue (the
   * ledger marked it `pending`), so the id needs no keeping; a stopped archiver ignores the poke.
   */
  enqueue(jobId: string): void {
    if (!this.started) return;
    this.fill().catch((error: unknown) => this.options.onError?.(error, `archive claim after job ${jobId}`));
  }

  /**
   * One pass by hand (tests, on an archiver whose loop is not started): claims due jobs for the free slots as of `now`
   * and resolves when they are archived and recorded; returns how many it claimed.
   */
  async tick(now = new Date()): Promise<number> {
    const { work } = await this.claimAndStart(now);
    await Promise.allSettled(work);
    return work.length;
  }

  /**
   * Resolves when this process holds no job and the database has no pending archive left: none due, none leased
   * (here or by another replica), none waiting for a retry (tests, benchmarks).
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.active === 0 && !this.filling) {
        const [row] = await this.deps.db
          .select({ pending: count() })
          .from(jobs)
          .where(eq(jobs.archiveState, "pending"));
        if (Number(row?.pending ?? 0) === 0 && this.active === 0 && !this.filling) return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.settings.idlePollMs));
    }
  }

  /** Claims for the free slots until none are free or nothing is due; pokes meanwhile make it look once more. */
  private fill(): Promise<void> {
    if (this.filling) {
      this.fillAgain = true;
      return this.filling;
    }
    const run = async () => {
      try {
        do {
          this.fillAgain = false;
          const { spent } = await this.claimAndStart(new Date());
          if (spent) this.fillAgain = true;
        } while (this.fillAgain && this.started);
      } finally {
        this.filling = undefined;
      }
    };
    this.filling = run();
    return this.filling;
  }

  private async claimAndStart(now: Date): Promise<{ work: Promise<void>[]; spent: boolean }> {
    const free = this.settings.concurrency - this.active;
    if (now.getTime() < this.storeBlockedUntil) {
      this.noteWaiting();
      return { work: [], spent: false };
    }
    if (free <= 0) return { work: [], spent: false };
    const { claimed, spent } = await this.claimDue(free, now);
    for (const id of spent)
      this.options.onError?.(
        new Error(`all ${this.settings.attempts} attempts were used up; the last one never finished`),
        `archiving job ${id}`,
      );
    return { work: claimed.map((job) => this.begin(job)), spent: spent.length > 0 };
  }

  /**
   * Due jobs (pending; never tried, a retry whose time has come, or a lease that ran out), oldest first, locked with
   * SKIP LOCKED (a replica claiming at the same moment takes others) and leased in the same transaction. A job whose
   * attempts are all spent (its last one lost its lease: the process died) is marked `failed` instead.
   */
  private claimDue(limit: number, now: Date): Promise<{ claimed: Claimed[]; spent: string[] }> {
    const leaseUntil = new Date(now.getTime() + this.settings.leaseMs);
    return this.deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: jobs.id, attempts: jobs.archiveAttempts })
        .from(jobs)
        .where(and(eq(jobs.archiveState, "pending"), or(isNull(jobs.archiveNextAt), lte(jobs.archiveNextAt, now))))
        .orderBy(sql`coalesce(${jobs.archiveNextAt}, ${jobs.finishedAt}) asc nulls first`, asc(jobs.id))
        .limit(limit)
        .for("update", { skipLocked: true });
      const spent = due.filter((job) => job.attempts >= this.settings.attempts).map((job) => job.id);
      const claimed = due.filter((job) => job.attempts < this.settings.attempts);
      if (spent.length)
        await tx.update(jobs).set({ archiveState: "failed", archiveNextAt: null }).where(inArray(jobs.id, spent));
      if (claimed.length)
        await tx
          .update(jobs)
          .set({ archiveNextAt: leaseUntil, archiveAttempts: sql`${jobs.archiveAttempts} + 1` })
          .where(
            inArray(
              jobs.id,
              claimed.map((job) => job.id),
            ),
          );
      return { claimed: claimed.map((job) => ({ id: job.id, attempt: job.attempts + 1 })), spent };
    });
  }

  private begin(job: Claimed): Promise<void> {
    this.active += 1;
    this.options.onClaim?.(job.id, job.attempt);
    const renewal = this.keepLease(job, Date.now());
    const work = this.archive(job)
      .catch((error: unknown) => this.options.onError?.(error, `recording the archive of job ${job.id}`))
      .finally(() => {
        clearInterval(renewal);
        this.active -= 1;
        this.inFlight.delete(work);
        if (this.started)
          this.fill().catch((error: unknown) => this.options.onError?.(error, "archive claim after a job"));
      });
    this.inFlight.add(work);
    return work;
  }

  /**
   * Renews the job's lease every third of `leaseMs` while it is in hand, never past `holdMaxMs` after the claim; only
   * while the lease is still this attempt's (the same fence as the outcome's write).
   */
  private keepLease(job: Claimed, claimedAt: number): ReturnType<typeof setInterval> {
    const { leaseMs, holdMaxMs } = this.settings;
    const renewal = setInterval(
      () => {
        const now = Date.now();
        const until = Math.min(now + leaseMs, claimedAt + holdMaxMs);
        if (until <= now) return clearInterval(renewal);
        this.deps.db
          .update(jobs)
          .set({ archiveNextAt: new Date(until) })
          .where(stillHeld(job))
          .catch((error: unknown) => this.options.onError?.(error, `renewing the archive lease of job ${job.id}`));
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    renewal.unref?.();
    return renewal;
  }

  private async archive(job: Claimed): Promise<void> {
    const { attempts, retryDelayMs } = this.settings;
    let result: ArchiveResult | undefined;
    let thrown: string | undefined;
    try {
      result = await archiveJobOutputs(this.deps, job.id);
      this.options.onResult?.(job.id, result);
      for (const skipped of result.skipped)
        this.options.onError?.(new Error(skipped.reason), `output ${skipped.filename} of job ${job.id} not archived`);
      if (result.retryable.length > 0 && job.attempt >= attempts) {
        for (const failed of result.retryable)
          this.options.onError?.(
            new Error(failed.reason),
            `output ${failed.filename} of job ${job.id} not archived after ${job.attempt} attempts`,
          );
      }
    } catch (error) {
      thrown = error instanceof Error ? error.message : String(error);
      this.options.onError?.(error, `archiving job ${job.id} (attempt ${job.attempt})`);
    }
    if (result) this.noteStore(result.storeUnwritable);
    const retryNote = thrown ?? result?.retryable.map((file) => `${file.filename}: ${file.reason}`).join("; ");
    const next = result?.storeUnwritable
      ? {
          // The attempt is given back: waiting for the store is not the job's failure.
          archiveState: "pending",
          archiveNextAt: new Date(Date.now() + this.settings.storeRetryMs),
          archiveAttempts: job.attempt - 1,
          archiveNote: storeNote(result.storeUnwritable),
        }
      : !retryNote
        ? { archiveState: "done", archiveNextAt: null, archiveNote: null }
        : job.attempt < attempts
          ? {
              archiveState: "pending",
              archiveNextAt: new Date(Date.now() + retryDelayMs * 2 ** (job.attempt - 1)),
              archiveNote: `Attempt ${job.attempt} of ${attempts} failed (${retryNote}); it is tried again.`,
            }
          : {
              archiveState: "failed",
              archiveNextAt: null,
              archiveNote: `Not archived after ${attempts} attempts: ${retryNote}`,
            };
    // Only while the lease is still ours: a replica that took the job after it ran out records its own outcome.
    const recorded = await this.deps.db.update(jobs).set(next).where(stillHeld(job)).returning({ id: jobs.id });
    if (!recorded.length)
      this.options.onError?.(
        new Error(`the lease ran out (${this.settings.leaseMs} ms) and another attempt took the job`),
        `archiving job ${job.id} (attempt ${job.attempt})`,
      );
    if ((result?.archived ?? 0) > 0) this.announce(job.id, result!.archived);
  }

  /**
   * While the store refuses writes, every job waiting behind the paused claims says why too — also those that
   * completed after it stopped taking writes (one indexed update per loop tick, only while paused).
   */
  private noteWaiting(): void {
    const unwritable = this.storeUnwritable;
    if (!unwritable) return;
    void this.deps.db
      .update(jobs)
      .set({ archiveNote: storeNote(unwritable) })
      .where(and(eq(jobs.archiveState, "pending"), isNull(jobs.archiveNote)))
      .catch((error: unknown) => this.options.onError?.(error, "noting the unwritable store on pending jobs"));
  }

  /** Pauses claims while the store refuses writes, saying so once when it starts and once when it ends. */
  private noteStore(unwritable: string | undefined): void {
    const blocked = this.storeBlockedUntil > 0;
    if (unwritable) {
      if (!blocked) {
        this.options.onError?.(
          new Error(unwritable),
          `output store unwritable: archiving waits, one job tried every ${this.settings.storeRetryMs} ms`,
        );
      }
      this.storeUnwritable = unwritable;
      this.storeBlockedUntil = Date.now() + this.settings.storeRetryMs;
      this.noteWaiting();
    } else if (blocked) {
      this.storeBlockedUntil = 0;
      this.storeUnwritable = undefined;
      this.options.onError?.(
        new Error("the output store takes writes again"),
        "output store writable: archiving resumes",
      );
    }
  }

  /** The `outputs` event; not waited for (a bus whose publish is async costs only a live update when it fails). */
  private announce(jobId: string, archived: number): void {
    const bus = this.options.bus;
    if (!bus) return;
    void (async () => bus.publish({ type: "outputs", jobId, count: archived }))().catch((error: unknown) =>
      this.options.onError?.(error, `outputs event of job ${jobId}`),
    );
  }
}
