/** The local output store on a real folder: whole files only, a refused write in words, and the sweep of leftovers. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { blobKey, LocalOutputStore, OutputStoreError } from "./store";

const digest = "ab".repeat(32);
const roots: string[] = [];
function folder(): string {
  const root = mkdtempSync(path.join(tmpdir(), "output-store-"));
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

describe("LocalOutputStore", () => {
  it("stores whole files under their final name and leaves no temporary behind", async () => {
    const root = folder();
    const store = new LocalOutputStore(root);
    await store.put(blobKey(digest), new Uint8Array([1, 2, 3]));
    expect(readdirSync(path.join(root, "blobs", "ab"))).toEqual([digest]);
    expect((await store.get(blobKey(digest)))?.size).toBe(3);
  });

  it("turns a write the disk refuses into an OutputStoreError that says why", async () => {
    const root = path.join(folder(), "store");
    writeFileSync(root, "");
    const failed = await new LocalOutputStore(root).put(blobKey(digest), new Uint8Array([1])).catch((error) => error);
    expect(failed).toBeInstanceOf(OutputStoreError);
    expect(failed.message).toBe(
      `The output store at ${root} cannot be written: a file stands where a folder should be (ENOTDIR)`,
    );
  });

  it("sweeps temporaries older than the age given, and nothing else", async () => {
    const root = folder();
    const store = new LocalOutputStore(root);
    await store.put(blobKey(digest), new Uint8Array([1]));
    const shard = path.join(root, "blobs", "ab");
    const old = path.join(shard, `${digest}.123.abc.tmp`);
    const fresh = path.join(shard, `${digest}.456.def.tmp`);
    writeFileSync(old, "half");
    writeFileSync(fresh, "half");
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(old, hourAgo, hourAgo);
    mkdirSync(path.join(root, "thumbs"), { recursive: true });
    expect(await store.sweepTemporaries(3_600_000)).toBe(1);
    expect(readdirSync(shard).sort()).toEqual([digest, path.basename(fresh)].sort());
  });
});
