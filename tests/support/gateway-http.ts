/**
 * The job gateway (lib/gateway/handlers.ts) behind a plain `node:http` server, routed as the Next.js route files
 * under app/api/novita/v1 route it: each call pays the HTTP parsing a deployment pays. For the gateway bench and the
 * RunPod-client contract test; Next's own routing and middleware are not in the path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { cancelJob, endpointHealth, jobStatus, runJob } from "@/lib/gateway/handlers";

export const GATEWAY_PATH = "/api/novita/v1";

export interface GatewayServer {
  /** `http://127.0.0.1:<port>/api/novita/v1`: the base URL a script is given. */
  baseUrl: string;
  close(): Promise<void>;
}

function dispatch(request: Request, pathname: string): Promise<Response> | undefined {
  if (!pathname.startsWith(`${GATEWAY_PATH}/`)) return undefined;
  const parts = pathname
    .slice(GATEWAY_PATH.length + 1)
    .split("/")
    .map(decodeURIComponent);
  const [route, call, id] = parts as [string, string | undefined, string | undefined];
  const method = request.method;
  if (parts.length === 2 && call === "run" && method === "POST") return runJob(request, route);
  if (parts.length === 2 && call === "health" && method === "GET") return endpointHealth(request, route);
  if (parts.length === 3 && call === "status" && method === "GET") return jobStatus(request, route, id!);
  if (parts.length === 3 && call === "cancel" && (method === "POST" || method === "GET"))
    return cancelJob(request, route, id!);
  return undefined;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = incoming.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD" && chunks.length > 0;
  return new Request(new URL(incoming.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, { ...headers, "content-length": String(body.byteLength) });
  res.end(body);
}

/** An unknown path answers Next's 404 for a route that has no file (here: the gateway's error shape). */
function noRoute(): Response {
  return Response.json({ code: 404, reason: "NOT_FOUND", message: "No such route." }, { status: 404 });
}

/** Serves the gateway on a free port of 127.0.0.1. */
export async function serveGateway(): Promise<GatewayServer> {
  let origin = "";
  const server = createServer((incoming, res) => {
    void (async () => {
      try {
        const request = await toRequest(incoming, origin);
        await send((await dispatch(request, new URL(request.url).pathname)) ?? noRoute(), res);
      } catch (error) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(error instanceof Error ? error.message : String(error));
      }
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${GATEWAY_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
