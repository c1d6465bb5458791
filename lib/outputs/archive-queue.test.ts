/**
 * The durable archive queue (issue 15): `jobs.archive_state` claimed with FOR UPDATE SKIP LOCKED and a lease, on
 * PGlite and on Postgres. Replicas are several `OutputArchiver`s on one database — on Postgres each with its own
 * connection pool, as separate console processes would be. A "killed" replica is one whose work never returns.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, inArray, like } from "drizzle-orm";
import postgres from "postgres";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { jobs, outputs } from "@/lib/db/schema";
import { applyUpstreamStatus } from "@/lib/jobs/ledger";
import { EventBus, type LiveEvent } from "@/lib/tracker/bus";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { OutputArchiver, type ArchiveDeps, type ArchiverOptions } from "./archive";
import { LocalOutputStore, type OutputStore } from "./store";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every `put` is recorded (and may be slowed down, or held until `gate` settles: a replica stuck mid-work). */
class RecordingStore implements OutputStore {
  readonly puts: string[] = [];

  constructor(
    private readonly inner: OutputStore,
    private readonly options: { delayMs?: number; gate?: Promise<void> } = {},
  ) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.puts.push(key);
    if (this.options.delayMs) await sleep(this.options.delayMs);
    if (this.options.gate) {
      await this.options.gate;
      throw new Error("connection reset by peer");
    }
    await this.inner.put(key, bytes);
  }

  has(key: string) {
    return this.inner.has(key);
  }

  get(key: string) {
    return this.inner.get(key);
  }
}

/** A promise that settles only when `release` is called (work held mid-way, as a stuck or killed replica's is). */
function heldUntilReleased() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { gate, release };
}

interface Claim {
  jobId: string;
  attempt: number;
  at: number;
}

let colour = 0;
/** A PNG no other test job has (so each job stores its own blob and thumbnail: two puts). */
async function distinctPng(): Promise<string> {
  colour += 1;
  const hex = `#${colour.toString(16).padStart(6, "0")}`;
  const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: hex } })
    .png()
    .toBuffer();
  return bytes.toString("base64");
}

describe.each(["pglite", "postgres"] as const)("the archive queue on %s", (engine) => {
  const skip = engine === "postgres" && !process.env.TEST_DATABASE_URL;
  const cleanups: (() => Promise<void>)[] = [];
  let root = "";

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function database(): Promise<TestDatabase> {
    const handle = (await openTestDatabase(engine))!;
    root = mkdtempSync(path.join(tmpdir(), "archive-queue-"));
    const folder = root;
    cleanups.push(async () => {
      await handle.close();
      rmSync(folder, { recursive: true, force: true });
    });
    return handle;
  }

  /** Another process's connection to the same database (Postgres); PGlite has one opener, so the same handle. */
  async function secondConnection(first: TestDatabase): Promise<Database> {
    if (!first.url) return first.db;
    const handle: DatabaseHandle = await openDatabase({ engine: "postgres", url: first.url });
    cleanups.push(() => handle.close());
    return handle.db;
  }

  function archiver(db: Database, store: OutputStore, claims: Claim[], options: ArchiverOptions = {}) {
    const deps: ArchiveDeps = {
      db,
      store,
      fetchPolicy: async () => ({ allowedHosts: [], allowLoopback: [] }),
    };
    const made = new OutputArchiver(deps, {
      loopMs: 10,
      idlePollMs: 10,
      onClaim: (jobId, attempt) => claims.push({ jobId, attempt, at: Date.now() }),
      ...options,
    });
    cleanups.push(() => made.stop());
    return made;
  }

  /** A job the tracker saw complete: recorded IN_PROGRESS, then COMPLETED through the ledger (which queues it). */
  async function completedJob(db: Database, id: string, output?: unknown): Promise<string> {
    const [row] = await db
      .insert(jobs)
      .values({
        id,
        novitaJobId: `nv-${id}`,
        endpointId: "ep-1",
        routeName: "route-1",
        status: "IN_PROGRESS",
        input: {},
      })
      .returning();
    const base64 = await distinctPng();
    await applyUpstreamStatus(db, row!, {
      id: `nv-${id}`,
      status: "COMPLETED",
      finished: true,
      output: output ?? { images: [{ filename: `${id}.png`, type: "base64", data: base64 }] },
    } as Parameters<typeof applyUpstreamStatus>[2]);
    return id;
  }

  async function rowsOf(db: Database, ids: string[]) {
    return db.select().from(jobs).where(inArray(jobs.id, ids));
  }

  it.skipIf(skip)("two replicas archive 20 completed jobs, each exactly once", async () => {
    const handle = await database();
    const otherDb = await secondConnection(handle);
    const ids: string[] = [];
    for (let index = 0; index < 20; index += 1) ids.push(await completedJob(handle.db, `twin-${index}`));
    expect((await rowsOf(handle.db, ids)).every((row) => row.archiveState === "pending")).toBe(true);

    const local = new LocalOutputStore(root);
    // Slow puts keep each archive in hand long enough for the other replica to try the same rows.
    const storeA = new RecordingStore(local, { delayMs: 5 });
    const storeB = new RecordingStore(local, { delayMs: 5 });
    const claimsA: Claim[] = [];
    const claimsB: Claim[] = [];
    const bus = new EventBus();
    const events: LiveEvent[] = [];
    bus.subscribe((event) => events.push(event));
    const a = archiver(handle.db, storeA, claimsA, { bus });
    const b = archiver(otherDb, storeB, claimsB, { bus });
    a.start();
    b.start();
    // Both trackers poke their archiver for every job (each replica sees the completions it polled; here: all).
    for (const id of ids) {
      a.enqueue(id);
      b.enqueue(id);
    }
    await Promise.all([a.idle(), b.idle()]);
    await Promise.all([a.stop(), b.stop()]);

    const claimed = [...claimsA, ...claimsB].map((claim) => claim.jobId);
    expect(claimed).toHaveLength(20);
    expect(new Set(claimed)).toEqual(new Set(ids));
    // Both replicas did some of the work.
    expect(claimsA.length).toBeGreaterThan(0);
    expect(claimsB.length).toBeGreaterThan(0);
    const rows = await handle.db.select().from(outputs).where(like(outputs.jobId, "twin-%"));
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((row) => row.jobId))).toEqual(new Set(ids));
    // One blob and one thumbnail per job, each written once.
    const puts = [...storeA.puts, ...storeB.puts];
    expect(puts).toHaveLength(40);
    expect(new Set(puts).size).toBe(40);
    const announced = events.filter((event) => event.type === "outputs");
    expect(announced).toHaveLength(20);
    expect(new Set(announced.map((event) => event.type === "outputs" && event.jobId))).toEqual(new Set(ids));
    for (const row of await rowsOf(handle.db, ids))
      expect(row).toMatchObject({ archiveState: "done", archiveAttempts: 1, archiveNextAt: null });
  });

  it.skipIf(skip)(
    "a poke archives a completed job at once, not at the next tick; a stopped archiver ignores it",
    async () => {
      const handle = await database();
      const claims: Claim[] = [];
      const made = archiver(handle.db, new LocalOutputStore(root), claims, { loopMs: 600_000 });
      made.start();
      await sleep(50);
      const id = await completedJob(handle.db, "poked");
      const poked = Date.now();
      made.enqueue(id);
      await made.idle();
      expect(Date.now() - poked).toBeLessThan(5_000);
      expect(claims.map((claim) => claim.jobId)).toEqual([id]);

      await made.stop();
      const late = await completedJob(handle.db, "late");
      made.enqueue(late);
      await sleep(200);
      expect(claims).toHaveLength(1);
      const [row] = await rowsOf(handle.db, [late]);
      expect(row).toMatchObject({ archiveState: "pending", archiveAttempts: 0 });
    },
  );

  it.skipIf(skip)("a replica killed mid-work leaves its lease; another takes the job once it runs out", async () => {
    const handle = await database();
    const otherDb = await secondConnection(handle);
    const id = await completedJob(handle.db, "orphan");
    const local = new LocalOutputStore(root);
    const { gate, release } = heldUntilReleased();
    const stuck = new RecordingStore(local, { gate });
    const claimsA: Claim[] = [];
    const claimsB: Claim[] = [];
    const errorsA: string[] = [];
    const a = archiver(handle.db, stuck, claimsA, {
      leaseMs: 500,
      // A stuck replica would renew its lease; a killed one does not. No renewal past the first lease here.
      holdMaxMs: 500,
      onError: (error) => errorsA.push(error instanceof Error ? error.message : String(error)),
    });
    a.start();
    while (stuck.puts.length === 0) await sleep(5);
    // Killed: it claims nothing more, and what it holds never comes back (until `release`, below).
    const stopped = a.stop();
    const [leased] = await rowsOf(handle.db, [id]);
    expect(leased).toMatchObject({ archiveState: "pending", archiveAttempts: 1 });
    const leaseEnd = leased!.archiveNextAt!.getTime();
    // Leased for 500 ms from the moment of the claim.
    expect(leaseEnd - claimsA[0]!.at).toBeGreaterThan(0);
    expect(leaseEnd - claimsA[0]!.at).toBeLessThanOrEqual(500);

    const b = archiver(otherDb, new RecordingStore(local), claimsB);
    b.start();
    b.enqueue(id);
    await b.idle();
    expect(claimsB).toEqual([{ jobId: id, attempt: 2, at: expect.any(Number) }]);
    expect(claimsB[0]!.at).toBeGreaterThanOrEqual(leaseEnd);
    const [done] = await rowsOf(handle.db, [id]);
    expect(done).toMatchObject({ archiveState: "done", archiveAttempts: 2, archiveNextAt: null });
    expect(await handle.db.select().from(outputs).where(eq(outputs.jobId, id))).toHaveLength(1);

    // The stuck replica comes back with a failure that would ask for a retry: its lease is gone, so it records
    // nothing over the other replica's outcome.
    release();
    await stopped;
    expect(errorsA.some((message) => /lease ran out/.test(message))).toBe(true);
    const [after] = await rowsOf(handle.db, [id]);
    expect(after).toMatchObject({ archiveState: "done", archiveAttempts: 2, archiveNextAt: null });
    expect(claimsA).toHaveLength(1);
  });

  it.skipIf(skip)("a long download keeps its job: the lease is renewed, up to holdMaxMs after the claim", async () => {
    const handle = await database();
    const otherDb = await secondConnection(handle);
    const id = await completedJob(handle.db, "long download");
    const local = new LocalOutputStore(root);
    const { gate, release } = heldUntilReleased();
    const claimsA: Claim[] = [];
    const claimsB: Claim[] = [];
    const a = archiver(handle.db, new RecordingStore(local, { gate }), claimsA, {
      concurrency: 1,
      leaseMs: 300,
      holdMaxMs: 1_500,
      onError: () => {},
    });
    cleanups.push(async () => release());
    a.start();
    while (claimsA.length === 0) await sleep(5);
    const b = archiver(otherDb, new RecordingStore(local), claimsB, { loopMs: 50 });
    b.start();
    // Three leases long: still held by A, renewed every 100 ms.
    await sleep(900);
    expect(claimsB).toHaveLength(0);
    const [held] = await rowsOf(handle.db, [id]);
    expect(held!.archiveNextAt!.getTime()).toBeGreaterThan(claimsA[0]!.at + 300);
    // Past holdMaxMs the renewals stop: the lease runs out and B takes the job.
    await b.idle();
    expect(claimsB).toEqual([{ jobId: id, attempt: 2, at: expect.any(Number) }]);
    expect(claimsB[0]!.at - claimsA[0]!.at).toBeGreaterThanOrEqual(1_500 - 20);
    release();
    await Promise.all([a.stop(), b.stop()]);
  });

  it.skipIf(skip)("retries with pauses of 1×, 2×, 4× retryDelayMs, then `failed` after the 4th attempt", async () => {
    const handle = await database();
    const id = await completedJob(handle.db, "flaky", {
      images: [{ filename: "far.png", type: "s3_url", data: "https://bucket.example.com/far.png" }],
    });
    const claims: Claim[] = [];
    const errors: string[] = [];
    const flaky = new OutputArchiver(
      {
        db: handle.db,
        store: new LocalOutputStore(root),
        fetchPolicy: async () => {
          throw new Error("the management API is down");
        },
      },
      {
        retryDelayMs: 1_000,
        onClaim: (jobId, attempt) => claims.push({ jobId, attempt, at: Date.now() }),
        onError: (error, context) => errors.push(context),
      },
    );
    // By hand, with the clock given to each pass: the schedule is read from the rows.
    /** Each pause is set when the attempt ends: between the claim and the end of the pass. */
    const bounds: { least: number; most: number }[] = [];
    let now = new Date();
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await flaky.tick(now)).toBe(1);
      const ended = Date.now();
      const [row] = await rowsOf(handle.db, [id]);
      expect(row!.archiveAttempts).toBe(attempt);
      if (attempt === 4) {
        expect(row).toMatchObject({ archiveState: "failed", archiveNextAt: null });
        break;
      }
      expect(row!.archiveState).toBe("pending");
      const next = row!.archiveNextAt!;
      bounds.push({ least: next.getTime() - ended, most: next.getTime() - claims[attempt - 1]!.at });
      // Not before its time, then at its time.
      expect(await flaky.tick(new Date(next.getTime() - 1))).toBe(0);
      now = next;
    }
    expect(claims.map((claim) => claim.attempt)).toEqual([1, 2, 3, 4]);
    [1_000, 2_000, 4_000].forEach((pause, index) => {
      expect(bounds[index]!.least).toBeLessThanOrEqual(pause);
      expect(bounds[index]!.most).toBeGreaterThanOrEqual(pause);
    });
    expect(errors).toContain(`output far.png of job ${id} not archived after 4 attempts`);
    expect(await flaky.tick(new Date(Date.now() + 86_400_000))).toBe(0);
  });

  it.skipIf(skip)(
    "an unwritable store keeps the job pending with why, uses up no attempt, and archives once it can write",
    async () => {
      const handle = await database();
      const id = await completedJob(handle.db, "store-full");
      // A file where the store's folder should be: every write fails (ENOTDIR), as a full or read-only disk does.
      const storeRoot = path.join(root, "store");
      writeFileSync(storeRoot, "");
      const errors: string[] = [];
      const waiting = new OutputArchiver(
        {
          db: handle.db,
          store: new LocalOutputStore(storeRoot),
          fetchPolicy: async () => ({ allowedHosts: [], allowLoopback: [] }),
        },
        { attempts: 2, storeRetryMs: 60_000, onError: (error, context) => errors.push(context) },
      );
      let now = new Date();
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expect(await waiting.tick(now)).toBe(1);
        const [row] = await rowsOf(handle.db, [id]);
        expect(row).toMatchObject({ archiveState: "pending", archiveAttempts: 0 });
        expect(row!.archiveNote).toMatch(
          /^Waiting for the output store: .*a file stands where a folder should be \(ENOTDIR\)/,
        );
        // Not before the pause is over (the process's own pause, and the row's).
        expect(await waiting.tick(new Date(row!.archiveNextAt!.getTime() - 1))).toBe(0);
        now = new Date(row!.archiveNextAt!.getTime() + 1);
      }
      expect(errors.filter((context) => context.startsWith("output store unwritable"))).toHaveLength(1);

      rmSync(storeRoot);
      mkdirSync(storeRoot);
      expect(await waiting.tick(now)).toBe(1);
      const [row] = await rowsOf(handle.db, [id]);
      expect(row).toMatchObject({ archiveState: "done", archiveNote: null, archiveAttempts: 1 });
      expect(await handle.db.select().from(outputs).where(eq(outputs.jobId, id))).toHaveLength(1);
      expect(errors).toContain("output store writable: archiving resumes");
    },
  );

  it.skipIf(skip)("an unwritable store is noted on every pending job, not only on the one it tried", async () => {
    const handle = await database();
    const tried = await completedJob(handle.db, "store-tried");
    const waiting = await completedJob(handle.db, "store-waiting");
    const storeRoot = path.join(root, "store");
    writeFileSync(storeRoot, "");
    const made = new OutputArchiver(
      {
        db: handle.db,
        store: new LocalOutputStore(storeRoot),
        fetchPolicy: async () => ({ allowedHosts: [], allowLoopback: [] }),
      },
      { concurrency: 1, storeRetryMs: 60_000 },
    );
    expect(await made.tick()).toBe(1);
    await expect
      .poll(async () => (await rowsOf(handle.db, [waiting]))[0]!.archiveNote, { timeout: 5_000 })
      .toMatch(/^Waiting for the output store: .*\(ENOTDIR\)\. Archiving resumes on its own once it can write\.$/);
    const [untried] = await rowsOf(handle.db, [waiting]);
    expect(untried).toMatchObject({ archiveState: "pending", archiveAttempts: 0 });
    expect((await rowsOf(handle.db, [tried]))[0]!.archiveNote).toBe(untried!.archiveNote);
  });

  it.skipIf(skip)("a job whose every attempt was used up by replicas that died is marked failed", async () => {
    const handle = await database();
    const id = await completedJob(handle.db, "cursed");
    // The 4th attempt's replica died: its lease ran out with nothing recorded.
    await handle.db
      .update(jobs)
      .set({ archiveAttempts: 4, archiveNextAt: new Date(Date.now() - 1_000) })
      .where(eq(jobs.id, id));
    const claims: Claim[] = [];
    const errors: string[] = [];
    const made = archiver(handle.db, new LocalOutputStore(root), claims, {
      onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
    });
    expect(await made.tick()).toBe(0);
    expect(claims).toEqual([]);
    const [row] = await rowsOf(handle.db, [id]);
    expect(row).toMatchObject({ archiveState: "failed", archiveAttempts: 4, archiveNextAt: null });
    expect(errors).toEqual(["all 4 attempts were used up; the last one never finished"]);
  });

  it.skipIf(skip)("a restart resumes the pending rows: new, half-retried, and a retry not due yet", async () => {
    const handle = await database();
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(await completedJob(handle.db, `resume-${index}`));
    // One that failed once before the restart and whose retry is due, one whose retry is not due for a while.
    const [retried, later] = [ids[1]!, ids[2]!];
    await handle.db
      .update(jobs)
      .set({ archiveAttempts: 2, archiveNextAt: new Date(Date.now() - 60_000) })
      .where(eq(jobs.id, retried));
    const laterAt = new Date(Date.now() + 1_500);
    await handle.db.update(jobs).set({ archiveAttempts: 1, archiveNextAt: laterAt }).where(eq(jobs.id, later));

    const local = new LocalOutputStore(root);
    const storeA = new RecordingStore(local, { delayMs: 20 });
    const claimsA: Claim[] = [];
    const first = archiver(handle.db, storeA, claimsA, { concurrency: 1 });
    first.start();
    while (claimsA.length < 2) await sleep(5);
    // A clean shutdown: the job in hand is finished and recorded, nothing more is claimed.
    await first.stop();
    const before = await rowsOf(handle.db, ids);
    expect(before.filter((row) => row.archiveState === "pending").length).toBeGreaterThanOrEqual(3);

    // The next process, with its own connection.
    const reopened = await secondConnection(handle);
    const storeB = new RecordingStore(local);
    const claimsB: Claim[] = [];
    const second = archiver(reopened, storeB, claimsB);
    second.start();
    await second.idle();
    await second.stop();

    const claimed = [...claimsA, ...claimsB];
    expect(claimed.map((claim) => claim.jobId).sort()).toEqual([...ids].sort());
    expect(claimed.find((claim) => claim.jobId === retried)!.attempt).toBe(3);
    const laterClaim = claimed.find((claim) => claim.jobId === later)!;
    expect(laterClaim.attempt).toBe(2);
    expect(laterClaim.at).toBeGreaterThanOrEqual(laterAt.getTime());
    expect([...storeA.puts, ...storeB.puts]).toHaveLength(10);
    expect(await handle.db.select().from(outputs).where(like(outputs.jobId, "resume-%"))).toHaveLength(5);
    for (const row of await rowsOf(handle.db, ids)) expect(row.archiveState).toBe("done");
  });

  it.skipIf(engine !== "postgres" || skip)(
    "skips a row another replica has locked instead of waiting for it (SKIP LOCKED)",
    async () => {
      const handle = await database();
      const locked = await completedJob(handle.db, "locked");
      const free = await completedJob(handle.db, "free");
      // The locked job is the oldest due: an archiver that waited for locks would stand still behind it.
      await handle.db
        .update(jobs)
        .set({ finishedAt: new Date(Date.now() - 60_000) })
        .where(eq(jobs.id, locked));
      const other = postgres(handle.url!, { max: 1, onnotice: () => {} });
      const { gate: held, release } = heldUntilReleased();
      let lockTaken = () => {};
      const taken = new Promise<void>((resolve) => (lockTaken = resolve));
      const transaction = other.begin(async (sql) => {
        await sql`select id from jobs where id = ${locked} for update`;
        lockTaken();
        await held;
      });
      try {
        await taken;
        const claims: Claim[] = [];
        const made = archiver(handle.db, new LocalOutputStore(root), claims);
        const outcome = await Promise.race([made.tick(), sleep(3_000).then(() => "waited for the lock")]);
        expect(outcome).toBe(1);
        expect(claims.map((claim) => claim.jobId)).toEqual([free]);
        release();
        await transaction;
        expect(await made.tick()).toBe(1);
        expect(claims.map((claim) => claim.jobId)).toEqual([free, locked]);
      } finally {
        release();
        await transaction.catch(() => {});
        await other.end({ timeout: 5 });
      }
    },
  );
});
