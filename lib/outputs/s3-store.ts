/**
 * The output store in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Ceph …), chosen when OUTPUT_S3_BUCKET
 * is set. Same keys as the folder store (`blobs/ab/<sha256>`, `thumbs/ab/<sha256>.webp`), under an optional prefix.
 * Objects are private: the console reads them itself and serves them only to signed-in people.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { OutputS3Config } from "@/lib/config";
import { assertKey, OutputStoreError, type OutputStore, type StoredObject } from "./store";

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey")
  );
}

export class S3OutputStore implements OutputStore {
  private readonly client: S3Client;

  constructor(private readonly config: OutputS3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      // Other S3-compatible servers expect bucket-in-path; AWS itself takes both.
      forcePathStyle: Boolean(config.endpoint),
      credentials: config.credentials,
      // Checksums only where S3 requires them: several S3-compatible servers refuse the newer default headers.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private key(key: string): string {
    assertKey(key);
    return `${this.config.prefix}${key}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const contentType = key.endsWith(".webp") ? "image/webp" : "application/octet-stream";
    const objectKey = this.key(key);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.config.bucket, Key: objectKey, Body: bytes, ContentType: contentType }),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OutputStoreError(`The output bucket ${this.config.bucket} refused the write: ${reason}`, {
        cause: error,
      });
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(key) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const objectKey = this.key(key);
    let size: number;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: objectKey }));
      size = head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const { client } = this;
    const bucket = this.config.bucket;
    return {
      size,
      stream(range) {
        // The body is fetched when the response starts streaming (the route has already answered the headers).
        let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (!reader) {
              const object = await client.send(
                new GetObjectCommand({
                  Bucket: bucket,
                  Key: objectKey,
                  Range: range ? `bytes=${range.start}-${range.end}` : undefined,
                }),
              );
              if (!object.Body) return controller.close();
              reader = object.Body.transformToWebStream().getReader() as ReadableStreamDefaultReader<Uint8Array>;
            }
            const { value, done } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          },
          cancel: (reason) => reader?.cancel(reason),
        });
      },
    };
  }
}
