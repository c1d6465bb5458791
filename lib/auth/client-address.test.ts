import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  clientAddress,
  DIRECT_BUCKET,
  PEER_ADDRESS_HEADER,
  peerAddressToken,
  stampPeerAddress,
  trustedPeerAddress,
} from "./client-address";
import { capturePeerAddresses } from "./peer-address";

const TOKEN = "process-token";

/** Headers as a request carries them; `peer` is the connection's address as the HTTP server stamped it. */
function request(forwardedFor: string | undefined, peer?: string, token = TOKEN): Headers {
  const raw: Record<string, string> = {};
  if (forwardedFor !== undefined) raw["x-forwarded-for"] = forwardedFor;
  if (peer !== undefined) stampPeerAddress(raw, peer, token);
  return new Headers(raw);
}

describe("clientAddress", () => {
  // [X-Forwarded-For, connection address stamped by the server, TRUSTED_PROXY_HOPS, the address decided]
  it.each<[string | undefined, string | undefined, number, string]>([
    // 0 hops: the header is the client's own writing and is ignored.
    [undefined, "198.51.100.7", 0, "198.51.100.7"],
    ["203.0.113.9", "198.51.100.7", 0, "198.51.100.7"],
    ["203.0.113.9, 203.0.113.10", "198.51.100.7", 0, "198.51.100.7"],
    ["203.0.113.9", "::ffff:198.51.100.7", 0, "198.51.100.7"],
    ["203.0.113.9", "2001:db8::1", 0, "2001:db8::1"],
    ["203.0.113.9", undefined, 0, DIRECT_BUCKET],
    [undefined, undefined, 0, DIRECT_BUCKET],
    ["127.0.0.1", undefined, 0, DIRECT_BUCKET],
    // N hops: the N-th entry from the right, whatever the client prepended.
    ["203.0.113.7", "10.0.0.2", 1, "203.0.113.7"],
    ["6.6.6.6, 203.0.113.7", "10.0.0.2", 1, "203.0.113.7"],
    ["6.6.6.6,203.0.113.7", undefined, 1, "203.0.113.7"],
    ["6.6.6.6, 203.0.113.7, 10.0.0.2", "10.0.0.3", 2, "203.0.113.7"],
    ["5.5.5.5, 6.6.6.6, 203.0.113.7, 10.0.0.2, 10.0.0.3", "10.0.0.4", 3, "203.0.113.7"],
    ["::ffff:203.0.113.7", "10.0.0.2", 1, "203.0.113.7"],
    // Fewer entries than hops: it did not come through the proxies; the connection decides.
    ["203.0.113.7", "10.0.0.2", 2, "10.0.0.2"],
    ["203.0.113.7", undefined, 3, DIRECT_BUCKET],
    [undefined, "10.0.0.2", 1, "10.0.0.2"],
    [" , ", undefined, 1, DIRECT_BUCKET],
  ])("X-Forwarded-For %j, connection %j, %i hops → %s", (forwardedFor, peer, hops, expected) => {
    expect(clientAddress(request(forwardedFor, peer), hops, TOKEN)).toBe(expected);
  });

  it("does not believe a connection header the client wrote itself (no token, or another token)", () => {
    const forged = new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.7", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(forged, 0, TOKEN)).toBe(DIRECT_BUCKET);
    expect(clientAddress(request("203.0.113.9", "198.51.100.7", "guessed"), 0, TOKEN)).toBe(DIRECT_BUCKET);
    // Nothing stamps headers in this process: even a well-formed header is not believed.
    expect(clientAddress(request("203.0.113.9", "198.51.100.7"), 0, undefined)).toBe(DIRECT_BUCKET);
    expect(trustedPeerAddress(request(undefined, "198.51.100.7"), TOKEN)).toBe("198.51.100.7");
  });
});

describe("capturePeerAddresses", () => {
  it("stamps each request's socket address over what the client sent, before the handler sees headers", async () => {
    capturePeerAddresses();
    const token = peerAddressToken();
    expect(token).toBeTruthy();
    capturePeerAddresses(); // idempotent
    expect(peerAddressToken()).toBe(token);

    const seen: string[] = [];
    const server = createServer((incoming, response) => {
      const headers = new Headers(incoming.headers as Record<string, string>);
      seen.push(clientAddress(headers, 0), clientAddress(headers, 1));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { "x-forwarded-for": "203.0.113.9", [PEER_ADDRESS_HEADER]: `${token} 203.0.113.10` },
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1", "203.0.113.9"]);
  });
});
