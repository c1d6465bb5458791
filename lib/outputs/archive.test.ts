/**
 * The archive end to end on a real PGlite, a real folder store and real sharp: from a completed job to served bytes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { jobs, outputBlobs, outputs, users, workflowRuns, workflows } from "@/lib/db/schema";
import { EventBus, type LiveEvent } from "@/lib/tracker/bus";
import { JobTracker } from "@/lib/tracker/tracker";
import { importJob } from "@/lib/jobs/service";
import { archiveJobOutputs, OutputArchiver, type ArchiveDeps } from "./archive";
import { listOutputs, loadOutputDetails, setFavourite } from "./gallery";
import { makeThumbnail, inspectMedia } from "./media";
import { serveOutput, serveThumbnail } from "./serve";
import { LocalOutputStore } from "./store";

let database: DatabaseHandle;
let root: string;
let deps: ArchiveDeps;
let counter = 0;

async function png(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

async function completedJob(output: unknown, extra: Partial<typeof jobs.$inferInsert> = {}): Promise<string> {
  counter += 1;
  const id = `job-${counter}`;
  await database.db.insert(jobs).values({
    id,
    novitaJobId: `nv-${counter}`,
    endpointId: "ep-1",
    routeName: "route-1",
    status: "COMPLETED",
    finished: true,
    input: {
      workflow: {
        "6": { class_type: "CLIPTextEncode", inputs: { text: "a red apple on a table" } },
        "3": { class_type: "KSampler", inputs: { seed: 42, positive: ["6", 0] } },
      },
    },
    searchText: "a red apple on a table",
    output: output as object,
    finishedAt: new Date(Date.now() - counter * 1000),
    ...extra,
  });
  return id;
}

beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: undefined });
  root = mkdtempSync(path.join(tmpdir(), "outputs-test-"));
  deps = {
    db: database.db,
    store: new LocalOutputStore(root),
    fetchPolicy: async () => ({ allowedHosts: [], allowLoopback: [] }),
  };
  await database.db.insert(users).values([
    { id: "u1", name: "Ada", email: "ada@example.com" },
    { id: "u2", name: "Bob", email: "bob@example.com" },
  ]);
});

afterAll(async () => {
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("media", () => {
  it("reads the original's size; its webp thumbnail is at most 384 px (brief: 512), same aspect ratio", async () => {
    const original = await png(2048, 1024, "#3366cc");
    const media = (await inspectMedia(original))!;
    expect(media).toMatchObject({
      mime: "image/png",
      kind: "image",
      width: 2048,
      height: 1024,
      bytes: original.length,
    });
    const thumbnail = (await makeThumbnail(original, media))!;
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: "webp", width: 384, height: 192 });
  });

  it("thumbnails a GIF from its first frame and leaves videos without one", async () => {
    const gif = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#ff0000" } })
      .gif()
      .toBuffer();
    const media = (await inspectMedia(gif))!;
    expect(media).toMatchObject({ mime: "image/gif", kind: "gif", width: 64, height: 48 });
    expect(await sharp((await makeThumbnail(gif, media))!).metadata()).toMatchObject({
      format: "webp",
      width: 64,
      height: 48,
    });
    const mp4 = Buffer.from("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2\x00\x00\x00\x08free", "latin1");
    const video = (await inspectMedia(mp4))!;
    expect(video).toMatchObject({ kind: "video", mime: "video/mp4", width: null, height: null });
    expect(await makeThumbnail(mp4, video)).toBeUndefined();
  });

  it("refuses what is not media", async () => {
    expect(await inspectMedia(Buffer.from("<html><script>alert(1)</script></html>"))).toBeUndefined();
  });
});

describe("archiveJobOutputs", () => {
  it("archives a base64 PNG from a ComfyUI output with its thumbnail, mime, size and dimensions", async () => {
    const image = await png(640, 480, "#22aa55");
    const jobId = await completedJob({
      images: [{ filename: "ComfyUI_00001_.png", type: "base64", data: image.toString("base64") }],
    });
    const result = await archiveJobOutputs(deps, jobId);
    expect(result).toEqual({ archived: 1, skipped: [], retryable: [] });
    const [row] = await database.db.select().from(outputs).where(eq(outputs.jobId, jobId));
    expect(row).toMatchObject({
      position: 0,
      kind: "image",
      filename: "ComfyUI_00001_.png",
      source: "base64",
      endpointId: "ep-1",
    });
    const [blob] = await database.db.select().from(outputBlobs).where(eq(outputBlobs.sha256, row!.sha256));
    expect(blob).toMatchObject({ mime: "image/png", bytes: image.length, width: 640, height: 480 });
    expect(blob!.thumbnailKey).toMatch(/^thumbs\/[0-9a-f]{2}\/[0-9a-f]{64}\.webp$/);
    // Archiving again adds nothing.
    expect(await archiveJobOutputs(deps, jobId)).toEqual({ archived: 0, skipped: [], retryable: [] });
  });

  it("stores identical bytes once: two jobs with the same image share one blob", async () => {
    const image = await png(32, 32, "#123456");
    const data = image.toString("base64");
    const first = await completedJob({ images: [{ filename: "a.png", type: "base64", data }] });
    const second = await completedJob({ result: `data:image/png;base64,${data}` });
    await archiveJobOutputs(deps, first);
    await archiveJobOutputs(deps, second);
    const rows = await database.db
      .select()
      .from(outputs)
      .where(eq(outputs.sha256, (await inspectMedia(image))!.sha256));
    expect(rows).toHaveLength(2);
    const blobs = await database.db.select().from(outputBlobs).where(eq(outputBlobs.sha256, rows[0]!.sha256));
    expect(blobs).toHaveLength(1);
    const shard = rows[0]!.sha256.slice(0, 2);
    expect((await readdir(path.join(root, "blobs", shard))).filter((name) => name === rows[0]!.sha256)).toHaveLength(1);
  });

  it("skips what is not media and URLs from hosts that are not allowed, and says why", async () => {
    const jobId = await completedJob({
      images: [
        { filename: "fake.png", type: "base64", data: Buffer.from("not a png at all").toString("base64") },
        { filename: "remote.png", type: "s3_url", data: "https://elsewhere.example.com/remote.png" },
      ],
    });
    const result = await archiveJobOutputs(deps, jobId);
    expect(result.archived).toBe(0);
    expect(result.skipped.map((skip) => skip.reason)).toEqual([
      "not an image or video the gallery can show",
      expect.stringMatching(/not an allowed output host/),
    ]);
  });

  it("ignores jobs that did not complete", async () => {
    const jobId = await completedJob(
      { images: [{ filename: "x.png", type: "base64", data: (await png(8, 8, "#000")).toString("base64") }] },
      { status: "FAILED" },
    );
    expect((await archiveJobOutputs(deps, jobId)).archived).toBe(0);
  });
});

describe("the archiver in the tracker", () => {
  it("archives a job the moment the tracker sees it complete, and publishes an outputs event", async () => {
    const image = await png(300, 200, "#aa22aa");
    await database.db.insert(jobs).values({
      id: "tracked",
      novitaJobId: "nv-tracked",
      endpointId: "ep-2",
      routeName: "route-2",
      status: "IN_PROGRESS",
      input: { prompt: "violet square" },
      searchText: "violet square",
      nextPollAt: new Date(0),
    });
    const bus = new EventBus();
    const events: LiveEvent[] = [];
    bus.subscribe((event) => events.push(event));
    const archiver = new OutputArchiver(deps, { bus, loopMs: 20 });
    archiver.start();
    const output = { images: [{ filename: "violet.png", type: "base64", data: image.toString("base64") }] };
    const tracker = new JobTracker({
      db: database.db,
      bus,
      healthEveryMs: 1e12,
      gateway: {
        status: async () => ({
          id: "nv-tracked",
          status: "COMPLETED",
          finished: true,
          delayTimeMs: 10,
          executionTimeMs: 20,
          output,
          error: undefined,
        }),
        health: async () => {
          throw new Error("not sampled in this test");
        },
      },
      onJobCompleted: (job) => archiver.enqueue(job.id),
    });
    await tracker.tick(new Date(Date.now() + 1_000));
    await archiver.idle();
    await archiver.stop();
    const rows = await database.db.select().from(outputs).where(eq(outputs.jobId, "tracked"));
    expect(rows.map((row) => row.filename)).toEqual(["violet.png"]);
    expect(events.map((event) => event.type)).toEqual(["job", "outputs"]);
    expect(events[1]).toMatchObject({ type: "outputs", jobId: "tracked", count: 1 });
  });

  it("archives a job imported already completed (Track a job), which the tracker never sees complete", async () => {
    const image = await png(24, 24, "#336699");
    const archiver = new OutputArchiver(deps, { loopMs: 20 });
    archiver.start();
    const imported = await importJob(
      {
        db: database.db,
        bus: new EventBus(),
        management: {
          getEndpoint: async () => ({ id: "ep-3", jobRouteName: "route-3", jobRouteCandidates: ["route-3"] }) as never,
        },
        gateway: {
          run: async () => {
            throw new Error("not used");
          },
          cancel: async () => {
            throw new Error("not used");
          },
          status: async () => ({
            id: "nv-imported",
            status: "COMPLETED",
            finished: true,
            delayTimeMs: 1,
            executionTimeMs: 2,
            output: { images: [{ filename: "imported.png", type: "base64", data: image.toString("base64") }] },
            error: undefined,
          }),
        },
        onJobCompleted: (job) => archiver.enqueue(job.id),
      },
      { endpointId: "ep-3", novitaJobId: "nv-imported", userId: null },
    );
    await archiver.idle();
    await archiver.stop();
    expect(
      (await database.db.select().from(outputs).where(eq(outputs.jobId, imported.id))).map((row) => row.filename),
    ).toEqual(["imported.png"]);
  });

  it("archives on start what was left pending while no archiver ran: the queue is the jobs table", async () => {
    const image = await png(20, 20, "#0f0f0f");
    const jobId = await completedJob(
      { images: [{ filename: "late.png", type: "base64", data: image.toString("base64") }] },
      { archiveState: "pending" },
    );
    const archiver = new OutputArchiver(deps, { loopMs: 20 });
    archiver.start();
    await archiver.idle();
    await archiver.stop();
    expect(await database.db.select().from(outputs).where(eq(outputs.jobId, jobId))).toHaveLength(1);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(row).toMatchObject({ archiveState: "done", archiveAttempts: 1, archiveNextAt: null });
  });

  it("retries a failure that may pass, then gives up", async () => {
    const jobId = await completedJob(
      { images: [{ filename: "far.png", type: "s3_url", data: "https://bucket.example.com/far.png" }] },
      { archiveState: "pending" },
    );
    let attempts = 0;
    const flaky: ArchiveDeps = {
      ...deps,
      fetchPolicy: async () => {
        attempts += 1;
        throw new Error("the management API is down");
      },
    };
    const archiver = new OutputArchiver(flaky, { attempts: 3, retryDelayMs: 5, loopMs: 5 });
    archiver.start();
    archiver.enqueue(jobId);
    await archiver.idle();
    await archiver.stop();
    expect(attempts).toBe(3);
    const [row] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(row).toMatchObject({ archiveState: "failed", archiveAttempts: 3, archiveNextAt: null });
  });
});

describe("the gallery and the file routes", () => {
  it("lists newest first with keyset pages, filters, favourites per person and workflow runs", async () => {
    await database.db.insert(workflows).values({ id: "wf-1", name: "Portraits" });
    const image = await png(16, 16, "#ffcc00");
    const jobId = await completedJob(
      { images: [{ filename: "w.png", type: "base64", data: image.toString("base64") }] },
      { endpointId: "ep-9", searchText: "golden portrait" },
    );
    await database.db.insert(workflowRuns).values({
      jobId,
      workflowId: "wf-1",
      workflowVersion: 3,
      inputs: { "6.inputs.text": "golden portrait", "3.inputs.seed": 7 },
    });
    await archiveJobOutputs(deps, jobId);

    const all = await listOutputs(database.db, {}, { userId: "u1", limit: 100 });
    const times = all.items.map((item) => item.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const first = await listOutputs(database.db, {}, { userId: "u1", limit: 2 });
    const second = await listOutputs(database.db, {}, { userId: "u1", limit: 2, after: first.next! });
    expect(second.items[0]!.id).toBe(all.items[2]!.id);

    const byWorkflow = await listOutputs(database.db, { workflowId: "wf-1" }, { userId: "u1", limit: 10 });
    expect(byWorkflow.items).toHaveLength(1);
    expect(byWorkflow.items[0]).toMatchObject({
      workflowId: "wf-1",
      workflowVersion: 3,
      workflowName: "Portraits",
      favourite: false,
    });
    expect((await listOutputs(database.db, { endpointId: "ep-9" }, { userId: "u1", limit: 10 })).items).toHaveLength(1);
    expect((await listOutputs(database.db, { search: "GOLDEN" }, { userId: "u1", limit: 10 })).items).toHaveLength(1);
    expect(
      (await listOutputs(database.db, { from: new Date(Date.now() + 60_000) }, { userId: "u1", limit: 10 })).items,
    ).toHaveLength(0);

    const id = byWorkflow.items[0]!.id;
    expect(await setFavourite(database.db, "u1", id, true)).toBe(true);
    expect(await setFavourite(database.db, "u1", "no-such-output", true)).toBe(false);
    expect(
      (await listOutputs(database.db, { favouritesOnly: true }, { userId: "u1", limit: 10 })).items.map(
        (item) => item.id,
      ),
    ).toEqual([id]);
    expect((await listOutputs(database.db, { favouritesOnly: true }, { userId: "u2", limit: 10 })).items).toEqual([]);
    await setFavourite(database.db, "u1", id, false);
    expect((await listOutputs(database.db, { favouritesOnly: true }, { userId: "u1", limit: 10 })).items).toEqual([]);

    expect(await loadOutputDetails(database.db, id)).toMatchObject({
      prompt: "golden portrait",
      seed: "7",
      jobStatus: "COMPLETED",
    });
    const plain = all.items.find((item) => item.workflowId === null && item.jobId.startsWith("job-"))!;
    expect(await loadOutputDetails(database.db, plain.id)).toMatchObject({ prompt: expect.any(String) });
  });

  it("serves the original with its mime, a safe file name and nosniff; ranges for video seeking", async () => {
    const [item] = (await listOutputs(database.db, {}, { userId: "u1", limit: 1 })).items;
    const response = await serveOutput(
      database.db,
      deps.store,
      item!.id,
      new Request("http://x/api/outputs/id?download=1"),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(item!.mime);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${item!.filename}"; filename*=UTF-8''${item!.filename}`,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(item!.bytes);
    const partial = await serveOutput(
      database.db,
      deps.store,
      item!.id,
      new Request("http://x/", { headers: { range: "bytes=0-3" } }),
    );
    expect(partial.status).toBe(206);
    expect(Buffer.from(await partial.arrayBuffer())).toEqual(bytes.subarray(0, 4));

    const thumbnail = await serveThumbnail(database.db, deps.store, item!.id, new Request("http://x/"));
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    expect(thumbnail.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
  });

  it("is immune to path traversal: ids are looked up, never joined into paths", async () => {
    for (const id of [
      "../../../../etc/passwd",
      "..%2F..%2Fetc%2Fpasswd",
      "blobs/00/" + "0".repeat(64),
      "/etc/passwd",
      "%00",
    ]) {
      expect((await serveOutput(database.db, deps.store, id, new Request("http://x/"))).status).toBe(404);
      expect((await serveThumbnail(database.db, deps.store, id, new Request("http://x/"))).status).toBe(404);
    }
    await expect(deps.store.get("../../etc/passwd")).rejects.toThrow(/Not an output store key/);
  });
});
