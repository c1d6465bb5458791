/**
 * Downloads an output URL under the archive's rules: only from allowed hosts (the endpoint's
 * `BUCKET_ENDPOINT_URL` host or `OUTPUT_FETCH_HOSTS`), never to loopback/private/link-local addresses (outside
 * local mode, where the sandbox lives on loopback), with a size cap, a deadline, and every redirect checked again.
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
  /** Lower-case host names, optionally with `:port`. */
  allowedHosts: string[];
  /** Local mode: the sandbox serves from 127.0.0.1. */
  allowLoopback: boolean;
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
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** `public`, or why an address may not be dialled. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as IPv4. */
export function classifyAddress(address: string): "public" | "loopback" | "private" {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return classifyAddress(mapped);
  const family = isIP(bare);
  if (family === 0) return "private";
  const type = family === 4 ? "ipv4" : "ipv6";
  if (loopback.check(bare, type)) return "loopback";
  if (blocked.check(bare, type)) return "private";
  return "public";
}

function addressAllowed(address: string, policy: FetchPolicy): boolean {
  const kind = classifyAddress(address);
  return kind === "public" || (kind === "loopback" && policy.allowLoopback);
}

/** The URL's host (and `host:port`) against the allow-list; userinfo in URLs is never allowed. */
export function isHostAllowed(url: URL, allowedHosts: string[]): boolean {
  if (url.username || url.password) return false;
  const hostname = url.hostname.toLowerCase().replace(/\.$/, "");
  const withPort = url.port ? `${hostname}:${url.port}` : hostname;
  return allowedHosts.some((allowed) => {
    const host = allowed.toLowerCase().replace(/\.$/, "");
    return host === withPort || (host === hostname && !host.includes(":"));
  });
}

/** The host part of `BUCKET_ENDPOINT_URL` (a URL or a bare host), lower-case. */
export function hostOfBucketUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim();
  try {
    return new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

async function defaultResolve(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = await dnsLookup(hostname, { all: true, verbatim: true });
  return addresses.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
}

/** Every address a host resolves to must be allowed; one bad address refuses the host. */
export async function checkHostAddresses(hostname: string, policy: FetchPolicy): Promise<ResolvedAddress[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isIP(bare)) {
    if (!addressAllowed(bare, policy)) throw new OutputFetchError(`Refused ${bare}: a ${classifyAddress(bare)} address.`, false);
    return [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (policy.resolve ?? defaultResolve)(bare);
  } catch (error) {
    throw new OutputFetchError(`Could not resolve ${bare}: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  if (addresses.length === 0) throw new OutputFetchError(`Could not resolve ${bare}.`, true);
  const bad = addresses.find((entry) => !addressAllowed(entry.address, policy));
  if (bad) throw new OutputFetchError(`Refused ${bare}: it resolves to ${bad.address}, a ${classifyAddress(bad.address)} address.`, false);
  return addresses;
}

/** Checks a URL before any byte is requested: scheme, allow-list, addresses. */
export async function checkOutputUrl(url: URL, policy: FetchPolicy): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutputFetchError(`Refused ${url.protocol} URL: only http(s).`, false);
  if (!isHostAllowed(url, policy.allowedHosts)) {
    throw new OutputFetchError(
      `Refused ${url.host}: not an allowed output host (the endpoint's BUCKET_ENDPOINT_URL host or OUTPUT_FETCH_HOSTS).`,
      false,
    );
  }
  await checkHostAddresses(url.hostname, policy);
}

function guardedLookup(policy: FetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    checkHostAddresses(hostname, policy).then(
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

function requestOnce(url: URL, policy: FetchPolicy, signal: AbortSignal): Promise<{ status: number; location?: string; contentType?: string; bytes?: Buffer }> {
  const maxBytes = policy.maxBytes ?? MAX_OUTPUT_BYTES;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup: guardedLookup(policy), signal, headers: { accept: "image/*,video/*,*/*;q=0.5" } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        resolve({ status, location: response.headers.location });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(new OutputFetchError(`${url.host} answered ${status}.`, status >= 500 || status === 429 || status === 408));
        return;
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy();
        reject(new OutputFetchError(`Refused: ${declared} bytes is over the ${maxBytes}-byte limit per output.`, false));
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
      response.on("end", () => resolve({ status, contentType: response.headers["content-type"], bytes: Buffer.concat(chunks) }));
      response.on("error", (error) => reject(new OutputFetchError(`Download from ${url.host} broke off: ${error.message}`, true)));
    });
    request.on("error", (error) => {
      if (error instanceof OutputFetchError) reject(error);
      else if ((error as { cause?: unknown }).cause instanceof OutputFetchError) reject((error as { cause: OutputFetchError }).cause);
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
