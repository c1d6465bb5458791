/**
 * Which address a request came from, for the sign-in limit per address and the audit log: decided here, once, from
 * the request's headers and TRUSTED_PROXY_HOPS.
 *
 * X-Forwarded-For is written by whoever sends the request. Next.js fills it with the socket's address only when the
 * request has none, so with no proxy in front (0 hops) every entry may be the client's own invention, and the
 * header is ignored. The connection's own address reaches this code in PEER_ADDRESS_HEADER, which the HTTP server
 * stamps on every request before Next.js sees it (peer-address.ts), with a token only this process knows: a client
 * that sends the header itself is overwritten, and a header without the token is not believed. Where nothing has
 * stamped it (no HTTP server, as in unit tests), every request counts under one bucket, `direct`.
 *
 * Behind N trusted proxies that each append the address they saw, the N-th entry from the right is the address the
 * outermost proxy saw; entries further left are the client's. A header with fewer than N entries did not come
 * through the proxies, so it is not believed either.
 */
import { processSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";

/** Carries `<token> <address>` from the HTTP server to headers(). */
export const PEER_ADDRESS_HEADER = "x-novita-console-peer";

/**
 * The decided address, handed to better-auth (its `ipAddressHeaders`) for the session row; set only by
 * headersForAuth() on a copy of the request's headers, and removed from every incoming request.
 */
export const SESSION_ADDRESS_HEADER = "x-novita-console-client-address";

/** The one bucket for requests whose connection address is not known. */
export const DIRECT_BUCKET = "direct";

const TOKEN_KEY = "peer-address-token";

/** The process's token, set when the HTTP server stamps connection addresses (peer-address.ts); else undefined. */
export function peerAddressToken(): string | undefined {
  return processSingleton<string | undefined>(TOKEN_KEY, () => undefined);
}

/** Makes `token` the process's token (peer-address.ts, once at startup). */
export function setPeerAddressToken(token: string): void {
  replaceProcessSingleton(TOKEN_KEY, token);
}

type RawHeaders = Record<string, string | string[] | undefined>;

/** What the HTTP server does to each incoming request's headers: any value the client sent is replaced. */
export function stampPeerAddress(headers: RawHeaders, remoteAddress: string | undefined, token: string): void {
  delete headers[SESSION_ADDRESS_HEADER];
  if (remoteAddress) headers[PEER_ADDRESS_HEADER] = `${token} ${remoteAddress}`;
  else delete headers[PEER_ADDRESS_HEADER];
}

interface HeaderReader {
  get(name: string): string | null;
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) reads as `192.0.2.1`; anything odd is cut short. */
function normaliseAddress(address: string): string {
  const trimmed = address.trim().slice(0, 100);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** The connection's own address, when the HTTP server of this process stamped it. */
export function trustedPeerAddress(
  headers: HeaderReader,
  token: string | undefined = peerAddressToken(),
): string | undefined {
  const value = headers.get(PEER_ADDRESS_HEADER);
  if (!token || !value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== token) return undefined;
  const address = normaliseAddress(value.slice(space + 1));
  return address || undefined;
}

/** The client's address as far as this console can know it (see the top of this file). */
export function clientAddress(
  headers: HeaderReader,
  trustedProxyHops: number,
  token: string | undefined = peerAddressToken(),
): string {
  const connection = () => trustedPeerAddress(headers, token) ?? DIRECT_BUCKET;
  if (trustedProxyHops <= 0) return connection();
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length < trustedProxyHops) return connection();
  return normaliseAddress(entries[entries.length - trustedProxyHops]!);
}
