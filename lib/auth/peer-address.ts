/**
 * Next.js does not hand a server action the socket a request came on, and X-Forwarded-For is whatever the client
 * wrote. Node's HTTP server announces every request on the `http.server.request.start` diagnostics channel just
 * before Next.js's handler runs; the subscriber here stamps the socket's address into the request's headers
 * (client-address.ts reads it back, checking this process's token). Installed once per process, at startup.
 */
import { randomBytes } from "node:crypto";
import { channel } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { processSingleton } from "@/lib/utils/process-singleton";
import { peerAddressToken, setPeerAddressToken, stampPeerAddress } from "./client-address";

/** Subscribes the stamping of socket addresses, once per process (later calls do nothing). */
export function capturePeerAddresses(): void {
  if (peerAddressToken()) return;
  const token = randomBytes(18).toString("base64url");
  // Held for the life of the process: a channel nobody references may be collected with its subscribers.
  const requests = processSingleton("peer-address-channel", () => channel("http.server.request.start"));
  requests.subscribe((message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    stampPeerAddress(request.headers, socket.remoteAddress, token);
  });
  setPeerAddressToken(token);
}
