import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkOutputUrl,
  classifyAddress,
  downloadOutput,
  hostOfBucketUrl,
  isHostAllowed,
  OutputFetchError,
  type FetchPolicy,
} from "./fetch";

let server: Server;
let port: number;
/**
 * Another program on loopback (the console itself, a database …): never to be reached, whatever the allow-list says.
 */
let other: Server;
let otherPort: number;
const otherHits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/image.png") {
      response.writeHead(200, { "content-type": "image/png" });
      response.end(Buffer.from("89504e470d0a1a0a", "hex"));
    } else if (request.url === "/big") {
      response.writeHead(200, { "content-type": "video/mp4" });
      response.end(Buffer.alloc(5_000));
    } else if (request.url === "/to-loopback-name") {
      response.writeHead(302, { location: `http://127.0.0.1:${port}/image.png` });
      response.end();
    } else if (request.url === "/to-private") {
      response.writeHead(302, { location: `http://inside.test:${port}/image.png` });
      response.end();
    } else if (request.url === "/to-other") {
      response.writeHead(302, { location: `http://127.0.0.1:${otherPort}/secret` });
      response.end();
    } else if (request.url === "/to-other-mapped") {
      response.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${otherPort}/secret` });
      response.end();
    } else if (request.url === "/same-host") {
      response.writeHead(301, { location: "/image.png" });
      response.end();
    } else {
      response.writeHead(500);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  other = createServer((request, response) => {
    otherHits.push(request.url ?? "");
    response.writeHead(200, { "content-type": "image/png" });
    response.end(Buffer.from("89504e470d0a1a0a", "hex"));
  });
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherPort = (other.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => other.close(() => resolve()));
});

/** A fake DNS: `media.test` is the allowed bucket (served on loopback here), `inside.test` a private address. */
const resolve = async (hostname: string) => {
  if (hostname === "media.test") return [{ address: "127.0.0.1", family: 4 as const }];
  if (hostname === "inside.test") return [{ address: "10.1.2.3", family: 4 as const }];
  if (hostname === "mixed.test")
    return [
      { address: "93.184.216.34", family: 4 as const },
      { address: "fd00::1", family: 6 as const },
    ];
  if (hostname === "public.test") return [{ address: "93.184.216.34", family: 4 as const }];
  throw new Error("ENOTFOUND");
};

const policy = (overrides: Partial<FetchPolicy> = {}): FetchPolicy => ({
  allowedHosts: [
    `media.test:${port}`,
    "inside.test",
    `inside.test:${port}`,
    "mixed.test",
    "public.test",
    "127.0.0.1",
    "[::1]",
    "169.254.169.254",
    "10.0.0.5",
  ],
  allowLoopback: [],
  resolve,
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OutputFetchError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("classifyAddress", () => {
  it("tells public from loopback, private and link-local, in IPv4 and IPv6", () => {
    expect(classifyAddress("93.184.216.34")).toBe("public");
    expect(classifyAddress("2606:4700::1111")).toBe("public");
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1"])
      expect(classifyAddress(address)).toBe("loopback");
    for (const address of [
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "fd00::1",
      "fe80::1%eth0",
      "::",
      "::ffff:10.0.0.1",
      "224.0.0.1",
    ]) {
      expect(classifyAddress(address), address).toBe("private");
    }
    expect(classifyAddress("not-an-ip")).toBe("private");
  });

  it("judges IPv4-mapped IPv6 by its IPv4, in either spelling, and refuses ::/96 and 6to4", () => {
    // URL parsing writes [::ffff:127.0.0.1] as [::ffff:7f00:1]: both spellings are the IPv4 inside.
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
    for (const address of ["::ffff:7f00:1", "[::ffff:7f00:1]", "::ffff:127.0.0.1", "0:0:0:0:0:ffff:7f00:0001"])
      expect(classifyAddress(address), address).toBe("loopback");
    for (const address of [
      "::ffff:a00:1",
      "::ffff:10.0.0.1",
      "::ffff:a9fe:a9fe",
      "::ffff:c0a8:101",
      "::ffff:0:0",
      "::ffff:0.0.0.0",
    ]) {
      expect(classifyAddress(address), address).toBe("private");
    }
    expect(classifyAddress("::ffff:5db8:d822")).toBe("public");
    expect(classifyAddress("::ffff:93.184.216.34")).toBe("public");
    // ::/96 (IPv4-compatible, deprecated) and 2002::/16 (6to4) tunnel to an IPv4 address the check never sees.
    for (const address of [
      "::7f00:1",
      "::127.0.0.1",
      "::a00:1",
      "::5db8:d822",
      "::93.184.216.34",
      "::2",
      "2002:7f00:1::1",
      "2002:a00:1::",
      "2002:5db8:d822::1",
    ]) {
      expect(classifyAddress(address), address).toBe("private");
    }
    expect(classifyAddress("::1")).toBe("loopback");
    expect(classifyAddress("2003::1")).toBe("public");
  });
});

describe("the allow-list", () => {
  it("matches the host, or host:port when the entry names a port; never userinfo", () => {
    expect(isHostAllowed(new URL("https://Bucket.Example.com/a.png"), ["bucket.example.com"])).toBe(true);
    expect(isHostAllowed(new URL("https://bucket.example.com:8443/a.png"), ["bucket.example.com"])).toBe(true);
    expect(isHostAllowed(new URL("https://bucket.example.com:8443/a.png"), ["bucket.example.com:9000"])).toBe(false);
    expect(isHostAllowed(new URL("https://evil.example.com/a.png"), ["bucket.example.com"])).toBe(false);
    expect(isHostAllowed(new URL("https://bucket.example.com.evil.net/a.png"), ["bucket.example.com"])).toBe(false);
    expect(isHostAllowed(new URL("https://user:pw@bucket.example.com/a.png"), ["bucket.example.com"])).toBe(false);
  });

  it("reads BUCKET_ENDPOINT_URL as a URL or a bare host, always with a port (the scheme's default if none)", () => {
    expect(hostOfBucketUrl("https://s3.us-east-1.amazonaws.com")).toBe("s3.us-east-1.amazonaws.com:443");
    expect(hostOfBucketUrl("https://s3.us-east-1.amazonaws.com/bucket?x=1")).toBe("s3.us-east-1.amazonaws.com:443");
    expect(hostOfBucketUrl("minio.internal:9000")).toBe("minio.internal:9000");
    expect(hostOfBucketUrl("minio.internal")).toBe("minio.internal:443");
    expect(hostOfBucketUrl("http://Minio.Internal")).toBe("minio.internal:80");
    expect(hostOfBucketUrl("http://[::1]:9000")).toBe("[::1]:9000");
    expect(hostOfBucketUrl("")).toBeUndefined();
  });

  it("an explicit default port in BUCKET_ENDPOINT_URL is that one port, not every port of the host", () => {
    for (const [bucket, same, other] of [
      ["https://127.0.0.1:443", "https://127.0.0.1/a.png", "https://127.0.0.1:8790/a.png"],
      ["http://127.0.0.1:80", "http://127.0.0.1/a.png", "http://127.0.0.1:3000/a.png"],
      [
        "https://bucket.example.com:443",
        "https://bucket.example.com:443/a.png",
        "https://bucket.example.com:8443/a.png",
      ],
      ["https://bucket.example.com", "https://bucket.example.com/a.png", "https://bucket.example.com:22/a.png"],
    ] as const) {
      const allowed = [hostOfBucketUrl(bucket)!];
      expect(isHostAllowed(new URL(same), allowed), `${same} under ${bucket}`).toBe(true);
      expect(isHostAllowed(new URL(other), allowed), `${other} under ${bucket}`).toBe(false);
    }
    // The default port of the URL's own scheme: https on :80 is not https://host/.
    expect(
      isHostAllowed(new URL("http://bucket.example.com/a.png"), [hostOfBucketUrl("https://bucket.example.com")!]),
    ).toBe(false);
  });

  it("refuses hosts not on the list", async () => {
    expect(await refusal(checkOutputUrl(new URL("https://elsewhere.test/a.png"), policy()))).toMatch(
      /not an allowed output host/,
    );
    expect(await refusal(checkOutputUrl(new URL("file:///etc/passwd"), policy()))).toMatch(/only http/);
  });

  it("refuses loopback, private and link-local addresses, literal or via DNS, even for a listed host", async () => {
    expect(await refusal(checkOutputUrl(new URL("http://127.0.0.1/a.png"), policy()))).toMatch(/loopback/);
    expect(await refusal(checkOutputUrl(new URL("http://[::1]/a.png"), policy()))).toMatch(/loopback/);
    expect(await refusal(checkOutputUrl(new URL("http://169.254.169.254/latest/meta-data"), policy()))).toMatch(
      /private/,
    );
    expect(await refusal(checkOutputUrl(new URL("http://10.0.0.5/a.png"), policy()))).toMatch(/private/);
    expect(await refusal(checkOutputUrl(new URL("http://inside.test/a.png"), policy()))).toMatch(
      /resolves to 10\.1\.2\.3/,
    );
    // One bad address among good ones is enough to refuse.
    expect(await refusal(checkOutputUrl(new URL("http://mixed.test/a.png"), policy()))).toMatch(/fd00::1/);
    await expect(checkOutputUrl(new URL("https://public.test/a.png"), policy())).resolves.toBeUndefined();
  });

  it("allows loopback in local mode only at the sandbox's own 127.0.0.1:port, never private addresses", async () => {
    const sandbox = policy({
      allowLoopback: ["127.0.0.1:8790"],
      allowedHosts: ["127.0.0.1", "127.0.0.2", "[::1]", "[::ffff:7f00:1]", "inside.test"],
    });
    await expect(checkOutputUrl(new URL("http://127.0.0.1:8790/a.png"), sandbox)).resolves.toBeUndefined();
    // Every other loopback port (the console itself, a database, anything local) and every other loopback address.
    for (const url of [
      "http://127.0.0.1/a.png",
      "http://127.0.0.1:3000/a.png",
      "http://127.0.0.1:5432/",
      "http://127.0.0.2:8790/a.png",
      "http://[::1]:8790/a.png",
      "http://[::ffff:7f00:1]:8790/a.png",
      "http://[::ffff:7f00:1]:3000/a.png",
    ]) {
      expect(await refusal(checkOutputUrl(new URL(url), sandbox)), url).toMatch(/loopback/);
    }
    const resolving = policy({ allowLoopback: ["127.0.0.1:8790"], allowedHosts: ["media.test"] });
    await expect(checkOutputUrl(new URL("http://media.test:8790/a.png"), resolving)).resolves.toBeUndefined();
    expect(await refusal(checkOutputUrl(new URL("http://media.test:8791/a.png"), resolving))).toMatch(/loopback/);
    expect(await refusal(checkOutputUrl(new URL("http://inside.test/a.png"), sandbox))).toMatch(/private/);
  });
});

describe("downloadOutput", () => {
  const local = () => policy({ allowLoopback: [`127.0.0.1:${port}`] });

  it("downloads from an allowed host", async () => {
    const result = await downloadOutput(`http://media.test:${port}/image.png`, local());
    expect(result.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(result.contentType).toBe("image/png");
  });

  it("checks the address the connection dials (loopback refused outside local mode)", async () => {
    expect(await refusal(downloadOutput(`http://media.test:${port}/image.png`, policy()))).toMatch(/loopback/);
  });

  it("checks every redirect again", async () => {
    const local = policy({ allowLoopback: [`127.0.0.1:${port}`], allowedHosts: [`media.test:${port}`, "inside.test"] });
    expect(await refusal(downloadOutput(`http://media.test:${port}/to-loopback-name`, local))).toMatch(
      /127\.0\.0\.1:\d+: not an allowed output host/,
    );
    expect(await refusal(downloadOutput(`http://media.test:${port}/to-private`, local))).toMatch(
      /resolves to 10\.1\.2\.3/,
    );
    expect((await downloadOutput(`http://media.test:${port}/same-host`, local)).bytes.length).toBe(8);
  });

  it("never reaches another loopback port, asked directly or through a redirect from the sandbox's port", async () => {
    // The allow-list lets every port of 127.0.0.1 through (a bare
    // OUTPUT_FETCH_HOSTS entry): the address check must still refuse.
    const sandboxOnly = policy({
      allowLoopback: [`127.0.0.1:${port}`],
      allowedHosts: ["127.0.0.1", "media.test", "[::ffff:7f00:1]"],
    });
    expect((await downloadOutput(`http://127.0.0.1:${port}/image.png`, sandboxOnly)).bytes.length).toBe(8);
    expect(await refusal(downloadOutput(`http://127.0.0.1:${otherPort}/secret`, sandboxOnly))).toMatch(/loopback/);
    expect(await refusal(downloadOutput(`http://media.test:${otherPort}/secret`, sandboxOnly))).toMatch(/loopback/);
    expect(await refusal(downloadOutput(`http://127.0.0.1:${port}/to-other`, sandboxOnly))).toMatch(/loopback/);
    expect(await refusal(downloadOutput(`http://media.test:${port}/to-other`, sandboxOnly))).toMatch(/loopback/);
    expect(await refusal(downloadOutput(`http://127.0.0.1:${port}/to-other-mapped`, sandboxOnly))).toMatch(/loopback/);
    expect(otherHits).toEqual([]);
  });

  it("stops at the size cap and reports upstream errors as retryable", async () => {
    expect(
      await refusal(
        downloadOutput(
          `http://media.test:${port}/big`,
          policy({ allowLoopback: [`127.0.0.1:${port}`], maxBytes: 1_000 }),
        ),
      ),
    ).toMatch(/over the 1000-byte limit/);
    const failure = downloadOutput(`http://media.test:${port}/broken`, local());
    await expect(failure).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/answered 500/) });
  });
});
