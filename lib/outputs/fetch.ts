/**
 * Downloads an output URL under the archive's rules: only from allowed hosts (the endpoint's
 * `BUCKET_ENDPOINT_URL` host:port or `OUTPUT_FETCH_HOSTS`), never to loopback/private/link-local addresses (but, in
 * local mode, the sandbox's own 127.0.0.1:<port>), with a size cap, a deadline, and every redirect checked again.
 *
 * Addresses are checked inside the connection's own DNS lookup, so the address that is checked is the address that
 * is dialled (no window for DNS rebinding between a check and the request).
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

export const MAX_OUTPUT_BYTES = 200 * 1024 * 1024;
export const OUTPUT_FETCH_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 3;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface FetchPolicy {
  /** Lower-case host names, optionally with `:port` (an entry without a port matches every port of the host). */
  allowedHosts: string[];
  /**
   * The loopback `address:port` pairs that may be dialled: in local mode only the sandbox's own
   * `127.0.0.1:<SANDBOX_PORT>`, elsewhere none. Every other loopback address and port stays refused.
   */
  allowLoopback: readonly string[];
  /** Every loopback address and port may be dialled (webhooks in local mode: a receiver on the person's machine). */
  anyLoopback?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  /** DNS, replaceable in tests. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/** Why a download was refused or failed; `retryable` failures may succeed later (network, 5xx). */
export class OutputFetchError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "OutputFetchError";
  }
}

const blocked = new BlockList();
const loopback = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  // ::/96: IPv4-compatible addresses (deprecated), `::` among them; ::1 is told apart as loopback first.
  ["::", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  // Teredo and 6to4 carry an IPv4 address the check would never see.
  ["2001::", 32],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 becomes the last two). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(2).map(Number) as [number, number, number, number];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:0:0/96`, either spelling), if it is one. */
function mappedIpv4(groups: number[]): string | undefined {
  if (!groups.slice(0, 5).every((group) => group === 0) || groups[5] !== 0xffff) return undefined;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** An address without brackets or zone, IPv4-mapped IPv6 written as its IPv4 (the address the kernel dials). */
function canonicalAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  return isIP(bare) === 6 ? (mappedIpv4(ipv6Groups(bare)) ?? bare.toLowerCase()) : bare;
}

/**
 * `public`, or why an address may not be dialled. IPv4-mapped IPv6 (`::ffff:10.0.0.1`, `::ffff:a00:1`) is judged
 * by its IPv4; the rest of `::/96` (IPv4-compatible), 6to4 and Teredo are private.
 */
export function classifyAddress(address: string): "public" | "loopback" | "private" {
  const bare = canonicalAddress(address);
  const family = isIP(bare);
  if (family === 0) return "private";
  const type = family === 4 ? "ipv4" : "ipv6";
  if (loopback.check(bare, type)) return "loopback";
  if (blocked.check(bare, type)) return "private";
  return "public";
}

/** `address:port` as dialled and as the loopback allowance writes it: `127.0.0.1:8790`, `[::1]:8790`. */
function addressWithPort(address: string, port: number): string {
  const bare = address.replace(/^\[|\]$/g, "").toLowerCase();
  return isIP(bare) === 6 ? `[${bare}]:${port}` : `${bare}:${port}`;
}

function addressAllowed(address: string, port: number, policy: FetchPolicy): boolean {
  const kind = classifyAddress(address);
  if (kind === "public" || (kind === "loopback" && policy.anyLoopback)) return true;
  // Exactly as dialled: the sandbox is 127.0.0.1:<port>; 127.0.0.2, ::1 or ::ffff:127.0.0.1 are not it.
  return kind === "loopback" && policy.allowLoopback.includes(addressWithPort(address, port));
}

function refusedAddress(address: string, port: number, policy: FetchPolicy): string {
  const kind = classifyAddress(address);
  if (kind !== "loopback") return `a ${kind} address`;
  return policy.allowLoopback.length
    ? "a loopback address on a port that is not the sandbox's " +
        `(only ${policy.allowLoopback.join(", ")} is allowed on loopback)`
    : "a loopback address";
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/** The port a URL dials: the written one, else its scheme's default. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? 0);
}

/** `host`, `host:port`, `[v6]` or `[v6]:port` of an allow-list entry, lower-case, without a trailing dot. */
function splitHostEntry(entry: string): { hostname: string; port: number | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry.trim().toLowerCase());
  if (!match) return undefined;
  return { hostname: match[1]!.replace(/\.$/, ""), port: match[2] === undefined ? undefined : Number(match[2]) };
}

/** The URL's host and port (the scheme's default when none is written) against the allow-list; never userinfo. */
export function isHostAllowed(url: URL, allowedHosts: string[]): boolean {
  if (url.username || url.password) return false;
  const hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  const port = portOf(url);
  return allowedHosts.some((entry) => {
    const allowed = splitHostEntry(entry);
    return (
      allowed !== undefined && allowed.hostname === hostname && (allowed.port === undefined || allowed.port === port)
    );
  });
}

/**
 * `host:port` of `BUCKET_ENDPOINT_URL` (a URL or a bare host, https when no scheme is written), lower-case. The port
 * is always there: no port and the scheme's default port are the same origin, so both become `host:<default>`
 * (`URL.host` drops a default port, and a bare host would match every port of it).
 */
export function hostOfBucketUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim();
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (!(url.protocol in DEFAULT_PORTS) || !url.hostname) return undefined;
    return `${url.hostname.toLowerCase().replace(/\.$/, "")}:${portOf(url)}`;
  } catch {
    return undefined;
  }
}

async function defaultResolve(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = await dnsLookup(hostname, { all: true, verbatim: true });
  return addresses.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
}

/** Every address a host resolves to must be allowed on `port`; one bad address refuses the host. */
export async function checkHostAddresses(
  hostname: string,
  port: number,
  policy: FetchPolicy,
): Promise<ResolvedAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isIP(bare)) {
    if (!addressAllowed(bare, port, policy))
      throw new OutputFetchError(
        `Refused ${addressWithPort(bare, port)}: ${refusedAddress(bare, port, policy)}.`,
        false,
      );
    return [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.resolve ?? defaultResolve)(bare);
  } catch (error) {
    throw new OutputFetchError(
      `Could not resolve ${bare}: ${error instanceof Error ? error.message : String(error)}`,
      true,
    );
  }
  if (addresses.length === 0) throw new OutputFetchError(`Could not resolve ${bare}.`, true);
  const bad = addresses.find((entry) => !addressAllowed(entry.address, port, policy));
  if (bad)
    throw new OutputFetchError(
      `Refused ${bare}:${port}: it resolves to ${bad.address}, ${refusedAddress(bad.address, port, policy)}.`,
      false,
    );
  return addresses;
}

/** Checks a URL before any byte is requested: scheme, allow-list, addresses. */
export async function checkOutputUrl(url: URL, policy: FetchPolicy): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new OutputFetchError(`Refused ${url.protocol} URL: only http(s).`, false);
  if (!isHostAllowed(url, policy.allowedHosts)) {
    throw new OutputFetchError(
      `Refused ${url.host}: not an allowed output host ` +
        "(the endpoint's BUCKET_ENDPOINT_URL host or OUTPUT_FETCH_HOSTS).",
      false,
    );
  }
  await checkHostAddresses(url.hostname, portOf(url), policy);
}

/** The connection's own DNS lookup: it dials only what it checked, for the port it dials. */
export function guardedLookup(policy: FetchPolicy, port: number): LookupFunction {
  return (hostname, options, callback) => {
    checkHostAddresses(hostname, port, policy).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, "", 4),
    );
  };
}

export interface DownloadedOutput {
  bytes: Buffer;
  contentType: string | undefined;
  /** The URL the bytes came from, after redirects. */
  url: URL;
}

function requestOnce(
  url: URL,
  policy: FetchPolicy,
  signal: AbortSignal,
): Promise<{ status: number; location?: string; contentType?: string; bytes?: Buffer }> {
  const maxBytes = policy.maxBytes ?? MAX_OUTPUT_BYTES;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      { lookup: guardedLookup(policy, portOf(url)), signal, headers: { accept: "image/*,video/*,*/*;q=0.5" } },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ status, location: response.headers.location });
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          reject(
            new OutputFetchError(`${url.host} answered ${status}.`, status >= 500 || status === 429 || status === 408),
          );
          return;
        }
        const declared = Number(response.headers["content-length"]);
        if (Number.isFinite(declared) && declared > maxBytes) {
          response.destroy();
          reject(
            new OutputFetchError(`Refused: ${declared} bytes is over the ${maxBytes}-byte limit per output.`, false),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxBytes) {
            response.destroy();
            reject(new OutputFetchError(`Refused: over the ${maxBytes}-byte limit per output.`, false));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status, contentType: response.headers["content-type"], bytes: Buffer.concat(chunks) }),
        );
        response.on("error", (error) =>
          reject(new OutputFetchError(`Download from ${url.host} broke off: ${error.message}`, true)),
        );
      },
    );
    request.on("error", (error) => {
      if (error instanceof OutputFetchError) reject(error);
      else if ((error as { cause?: unknown }).cause instanceof OutputFetchError)
        reject((error as { cause: OutputFetchError }).cause);
      else if (signal.aborted) reject(new OutputFetchError(`Download from ${url.host} took too long.`, true));
      else reject(new OutputFetchError(`Could not download from ${url.host}: ${error.message}`, true));
    });
  });
}

/** Downloads one output, following at most 3 redirects, each checked like the first URL. */
export async function downloadOutput(rawUrl: string, policy: FetchPolicy): Promise<DownloadedOutput> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new OutputFetchError("Not a URL.", false);
  }
  const signal = AbortSignal.timeout(policy.timeoutMs ?? OUTPUT_FETCH_TIMEOUT_MS);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    await checkOutputUrl(url, policy);
    const result = await requestOnce(url, policy, signal);
    if (result.location !== undefined) {
      url = new URL(result.location, url);
      continue;
    }
    return { bytes: result.bytes!, contentType: result.contentType, url };
  }
  throw new OutputFetchError(`Refused: more than ${MAX_REDIRECTS} redirects.`, false);
}
