/**
 * A minimal S3-compatible server for tests (path-style PUT, HEAD, GET with Range; 404 NoSuchKey), so the S3 output
 * store is exercised through the real AWS SDK and real HTTP. It checks that every request is SigV4-signed with the
 * expected access key, and records what it was asked.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeS3 {
  endpoint: string;
  objects: Map<string, Buffer>;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

export async function startFakeS3(accessKeyId: string): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: { method: string; path: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://s3").pathname);
      requests.push({ method: request.method ?? "", path });
      if (!String(request.headers.authorization ?? "").startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`)) {
        response.writeHead(403, { "content-type": "application/xml" }).end("<Error><Code>AccessDenied</Code></Error>");
        return;
      }
      if (request.method === "PUT") {
        objects.set(path, Buffer.concat(chunks));
        response.writeHead(200, { etag: '"fake"' }).end();
        return;
      }
      const body = objects.get(path);
      if (!body) {
        if (request.method === "HEAD") response.writeHead(404).end();
        else
          response
            .writeHead(404, { "content-type": "application/xml" })
            .end("<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>");
        return;
      }
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers.range ?? ""));
      if (request.method === "HEAD") {
        response.writeHead(200, { "content-length": body.length, etag: '"fake"' }).end();
      } else if (range) {
        const part = body.subarray(Number(range[1]), Number(range[2]) + 1);
        response
          .writeHead(206, {
            "content-length": part.length,
            "content-range": `bytes ${range[1]}-${range[2]}/${body.length}`,
          })
          .end(part);
      } else {
        response.writeHead(200, { "content-length": body.length }).end(body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
