import { unknownGatewayCall } from "@/lib/gateway/wire";

/** Any other path under the gateway (e.g. RunPod's `/runsync`): 404 in Novita's error shape, naming what exists. */
async function answer(_request: Request, { params }: { params: Promise<{ route: string; rest: string[] }> }) {
  const { rest } = await params;
  return unknownGatewayCall(rest.join("/"));
}

export { answer as GET, answer as POST, answer as PUT, answer as DELETE, answer as PATCH };
