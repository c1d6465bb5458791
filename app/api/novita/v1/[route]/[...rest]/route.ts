import { unknownGatewayCall } from "@/lib/gateway/wire";

/** Any other path under the gateway (e.g. RunPod's `/runsync`): 404 in Novita's error shape, naming what exists. */
async function answer(request: Request) {
  return unknownGatewayCall(new URL(request.url).pathname.split("/").slice(5).join("/"));
}

export { answer as GET, answer as POST };
