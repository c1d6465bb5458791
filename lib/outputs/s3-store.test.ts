import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { startFakeS3, type FakeS3 } from "@/tests/support/fake-s3";
import { S3OutputStore } from "./s3-store";
import { blobKey, thumbnailKey } from "./store";

const ACCESS_KEY = "AKIAOUTPUTSTORETEST";
let s3: FakeS3;
let store: S3OutputStore;

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  s3 = await startFakeS3(ACCESS_KEY);
  const config = parseConfig({
    OUTPUT_S3_BUCKET: "console-outputs",
    OUTPUT_S3_ENDPOINT: s3.endpoint,
    OUTPUT_S3_ACCESS_KEY_ID: ACCESS_KEY,
    OUTPUT_S3_SECRET_ACCESS_KEY: "secret-for-the-fake",
    OUTPUT_S3_PREFIX: "/team-a/",
  });
  store = new S3OutputStore(config.outputS3!);
});

afterAll(() => s3.close());

describe("S3OutputStore (real AWS SDK, real HTTP, a fake S3-compatible server)", () => {
  const bytes = Buffer.from("0123456789abcdefghij");
  const sha = createHash("sha256").update(bytes).digest("hex");

  it("puts an object under bucket/prefix/key (path style), finds it, and streams all of it or a range", async () => {
    expect(await store.has(blobKey(sha))).toBe(false);
    await store.put(blobKey(sha), bytes);
    expect([...s3.objects.keys()]).toContain(`/console-outputs/team-a/blobs/${sha.slice(0, 2)}/${sha}`);
    expect(await store.has(blobKey(sha))).toBe(true);
    const object = await store.get(blobKey(sha));
    expect(object?.size).toBe(20);
    expect((await readAll(object!.stream())).toString()).toBe("0123456789abcdefghij");
    expect((await readAll(object!.stream({ start: 2, end: 5 }))).toString()).toBe("2345");
  });

  it("answers undefined for a missing object (and false for has)", async () => {
    expect(await store.get(thumbnailKey(sha))).toBeUndefined();
    expect(await store.has(thumbnailKey(sha))).toBe(false);
  });

  it("refuses keys that are not the store's own (no path can be smuggled in)", async () => {
    const before = s3.requests.length;
    await expect(store.put("../../etc/passwd", bytes)).rejects.toThrow("Not an output store key");
    await expect(store.get(`blobs/${sha.slice(0, 2)}/../${sha}`)).rejects.toThrow("Not an output store key");
    expect(s3.requests.length).toBe(before);
  });

  it("surfaces a refusal by the server (wrong credentials) instead of calling the object missing", async () => {
    const wrong = new S3OutputStore({
      ...parseConfig({
        OUTPUT_S3_BUCKET: "console-outputs",
        OUTPUT_S3_ENDPOINT: s3.endpoint,
        OUTPUT_S3_ACCESS_KEY_ID: "AKIAWRONG",
        OUTPUT_S3_SECRET_ACCESS_KEY: "x",
      }).outputS3!,
    });
    await expect(wrong.has(blobKey(sha))).rejects.toThrow();
  });
});

describe("OUTPUT_S3_* configuration", () => {
  it("needs a bucket for the other settings, and both halves of the credentials", () => {
    expect(() => parseConfig({ OUTPUT_S3_ENDPOINT: "http://minio:9000" })).toThrow("OUTPUT_S3_BUCKET must be set");
    expect(() => parseConfig({ OUTPUT_S3_BUCKET: "b", OUTPUT_S3_ACCESS_KEY_ID: "a" })).toThrow(
      "OUTPUT_S3_SECRET_ACCESS_KEY must be set together with OUTPUT_S3_ACCESS_KEY_ID",
    );
    expect(parseConfig({}).outputS3).toBeUndefined();
    expect(parseConfig({ OUTPUT_S3_BUCKET: "b" }).outputS3).toEqual({
      bucket: "b",
      endpoint: undefined,
      region: "us-east-1",
      credentials: undefined,
      prefix: "",
    });
  });
});
