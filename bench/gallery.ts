/**
 * Gallery scale: 10,000 archived outputs in PGlite (real PNGs from the sandbox's painter, 250 distinct pictures
 * shared by the rows as identical outputs would be), thumbnailed with sharp into a folder store. Then the gallery's
 * first screen the way the page loads it, through the route handlers' lib functions: the first page of
 * `/api/outputs` (JSON as the route sends it) and the thumbnails visible in a 1440 × 900 viewport.
 *
 * Prints: thumbnails per second (sharp), first-screen transfer in bytes (target ≤ 1.5 MB) and time to the first
 * thumbnail in ms. The page's HTML does not grow with the archive (the grid is drawn in the browser from the JSON),
 * so it is left out here; e2e/gallery.spec.ts prints the document's size as the browser received it.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "@/lib/db/client";
import { jobs, outputBlobs, outputs, users } from "@/lib/db/schema";
import { listOutputs } from "@/lib/outputs/gallery";
import { THUMBNAIL_MAX_PX } from "@/lib/outputs/query";
import { inspectMedia, makeThumbnail } from "@/lib/outputs/media";
import { serveThumbnail } from "@/lib/outputs/serve";
import { blobKey, LocalOutputStore, thumbnailKey } from "@/lib/outputs/store";
import { encodePng, paintPicture } from "@/lib/sandbox/comfyui";

const ROWS = Number(process.env.BENCH_GALLERY_ROWS ?? 10_000);
const DISTINCT = Number(process.env.BENCH_GALLERY_DISTINCT ?? 250);
const PAGE_SIZE = 60;
const OVERSCAN = 2; // components/gallery/gallery-grid.tsx
const PROMPTS = [
  "a red apple on a table",
  "a lighthouse at dusk",
  "a robot in a garden",
  "a castle in the desert",
  "a cat on a windowsill",
];

/** The grid's layout at 1440 × 900 (components/gallery/gallery-grid.tsx): the main column is 1104 px wide there. */
function visibleThumbnails(viewport = { width: 1440, height: 900 }) {
  const contentWidth = Math.min(viewport.width - 240, 1152) - 48; // sidebar 240 px, max-w-6xl, px-6
  const gap = 8;
  const columns = Math.max(2, Math.floor((contentWidth + gap) / (150 + gap)));
  const tile = (contentWidth - gap * (columns - 1)) / columns;
  const gridTop = 300; // header, title, filters
  const rows = Math.ceil((viewport.height - gridTop - 44) / (tile + gap));
  // The grid also renders OVERSCAN rows below the fold, whose lazy images the browser fetches too.
  return { columns, rows, count: columns * rows, withOverscan: columns * (rows + OVERSCAN) };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-gallery-"));
  const store = new LocalOutputStore(path.join(dataDir, "outputs"));
  const database = await openDatabase({ engine: "pglite", dataDir: undefined });
  const { db } = database;
  try {
    await db.insert(users).values({ id: "bench-user", name: "Bench", email: "bench@example.com" });

    // Real pictures, the size ComfyUI makes by default. The sandbox's painter draws smooth gradients that compress
    // far better than model output, so film grain is added: thumbnails then weigh what photographs' do (~20–30 KiB).
    const pictures: Buffer[] = [];
    let noise = 12_345;
    for (let index = 0; index < DISTINCT; index += 1) {
      const rgba = paintPicture({
        width: 512,
        height: 512,
        seed: index * 7919,
        batchIndex: 0,
        prompt: PROMPTS[index % PROMPTS.length]!,
      });
      for (let byte = 0; byte < rgba.length; byte += 1) {
        if (byte % 4 === 3) continue;
        noise = (noise * 1_103_515_245 + 12_345) & 0x7fffffff;
        rgba[byte] = Math.max(0, Math.min(255, rgba[byte]! + ((noise >> 16) % 41) - 20));
      }
      pictures.push(encodePng(512, 512, rgba));
    }
    const thumbStarted = performance.now();
    const blobs: { sha256: string; bytes: number }[] = [];
    let thumbnailBytes = 0;
    for (const picture of pictures) {
      const media = (await inspectMedia(picture))!;
      const thumbnail = (await makeThumbnail(picture, media))!;
      thumbnailBytes += thumbnail.length;
      await store.put(blobKey(media.sha256), picture);
      await store.put(thumbnailKey(media.sha256), thumbnail);
      await db.insert(outputBlobs).values({
        sha256: media.sha256,
        mime: media.mime,
        bytes: media.bytes,
        width: media.width,
        height: media.height,
        storageKey: blobKey(media.sha256),
        thumbnailKey: thumbnailKey(media.sha256),
      });
      blobs.push({ sha256: media.sha256, bytes: media.bytes });
    }
    const thumbSeconds = (performance.now() - thumbStarted) / 1000;

    const start = Date.now() - ROWS * 60_000;
    for (let offset = 0; offset < ROWS; offset += 500) {
      const batch = Array.from({ length: Math.min(500, ROWS - offset) }, (_, index) => offset + index);
      const jobRows = batch.map((n) => ({
        id: `job-${n}`,
        novitaJobId: randomUUID(),
        endpointId: `ep-${n % 4}`,
        routeName: `ep-${n % 4}`,
        status: "COMPLETED",
        finished: true,
        input: { workflow: { "6": { class_type: "CLIPTextEncode", inputs: { text: PROMPTS[n % PROMPTS.length] } } } },
        searchText: `${PROMPTS[n % PROMPTS.length]} #${n}`,
        submittedAt: new Date(start + n * 60_000),
        finishedAt: new Date(start + n * 60_000 + 5_000),
      }));
      await db.insert(jobs).values(jobRows);
      await db.insert(outputs).values(
        batch.map((n) => ({
          id: randomUUID(),
          jobId: `job-${n}`,
          position: 0,
          kind: "image",
          filename: `ComfyUI_${String(n).padStart(5, "0")}_.png`,
          sha256: blobs[n % blobs.length]!.sha256,
          source: "base64",
          endpointId: `ep-${n % 4}`,
          createdAt: new Date(start + n * 60_000 + 5_000),
        })),
      );
    }

    // The first screen: one page of the list (as JSON), then the thumbnails in view.
    const view = visibleThumbnails();
    const measure = async () => {
      const started = performance.now();
      const page = await listOutputs(db, {}, { userId: "bench-user", limit: PAGE_SIZE });
      const json = Buffer.byteLength(JSON.stringify(page));
      let firstThumbnailMs = 0;
      let thumbnailsBytes = 0;
      let overscanBytes = 0;
      for (const [index, item] of page.items.slice(0, view.withOverscan).entries()) {
        const response = await serveThumbnail(
          db,
          store,
          item.id,
          new Request(`http://bench/api/outputs/${item.id}/thumbnail`),
        );
        const bytes = (await response.arrayBuffer()).byteLength;
        if (index < view.count) thumbnailsBytes += bytes;
        else overscanBytes += bytes;
        if (index === 0) firstThumbnailMs = performance.now() - started;
      }
      return { json, thumbnailsBytes, overscanBytes, firstThumbnailMs, items: page.items.length };
    };
    await measure(); // warm-up
    const runs = [];
    for (let run = 0; run < 10; run += 1) runs.push(await measure());
    runs.sort((a, b) => a.firstThumbnailMs - b.firstThumbnailMs);
    const median = runs[Math.floor(runs.length / 2)]!;
    // A page deep in the archive (keyset: as fast as the first).
    let after: string | undefined;
    for (let page = 0; page < 20; page += 1)
      after = (await listOutputs(db, {}, { userId: "bench-user", limit: PAGE_SIZE, after })).next ?? undefined;
    const deepStarted = performance.now();
    await listOutputs(db, {}, { userId: "bench-user", limit: PAGE_SIZE, after });
    const deepMs = performance.now() - deepStarted;

    const transfer = median.json + median.thumbnailsBytes;
    console.log(
      `gallery: ${ROWS.toLocaleString("en-US")} archived outputs (${DISTINCT} distinct 512×512 PNGs with heavy grain: a worst case for compression), viewport 1440×900 → ${view.columns} columns × ${view.rows} rows = ${view.count} thumbnails in view`,
    );
    console.log(
      `gallery: thumbnails generated: ${(DISTINCT / thumbSeconds).toFixed(1)} per second (sharp, ${THUMBNAIL_MAX_PX} px webp, ${Math.round(thumbnailBytes / DISTINCT / 1024)} KiB average)`,
    );
    console.log(
      `gallery: first screen: /api/outputs page ${median.json.toLocaleString("en-US")} B (${median.items} items) + ${view.count} thumbnails ${median.thumbnailsBytes.toLocaleString("en-US")} B = ${transfer.toLocaleString("en-US")} B (${(transfer / 1024 / 1024).toFixed(2)} MiB; target ≤ 1.5 MB: ${transfer <= 1_500_000 ? "met" : "NOT met"})`,
    );
    console.log(
      `gallery: with the ${OVERSCAN} overscan rows the grid also renders below the fold: ${(transfer + median.overscanBytes).toLocaleString("en-US")} B (${view.withOverscan} thumbnails)`,
    );
    console.log(
      `gallery: time to first thumbnail: ${median.firstThumbnailMs.toFixed(1)} ms (median of 10; list query + first thumbnail read); page 21 of the archive: ${deepMs.toFixed(1)} ms`,
    );
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
