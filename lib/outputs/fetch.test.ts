import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOutputUrl, classifyAddress, downloadOutput, hostOfBucketUrl, isHostAllowed, OutputFetchError, type FetchPolicy } from "./fetch";

let server: Server;
let port: number;

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
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A fake DNS: `media.test` is the allowed bucket (served on loopback here), `inside.test` a private address. */
const resolve = async (hostname: string) => {
  if (hostname === "media.test") return [{ address: "127.0.0.1", family: 4 as const }];
  if (hostname === "inside.test") return [{ address: "10.1.2.3", family: 4 as const }];
  if (hostname === "mixed.test") return [{ address: "93.184.216.34", family: 4 as const }, { address: "fd00::1", family: 6 as const }];
  if (hostname === "public.test") return [{ address: "93.184.216.34", family: 4 as const }];
  throw new Error("ENOTFOUND");
};

const policy = (overrides: Partial<FetchPolicy> = {}): FetchPolicy => ({
  allowedHosts: [`media.test:${port}`, "inside.test", `inside.test:${port}`, "mixed.test", "public.test", "127.0.0.1", "[::1]", "169.254.169.254", "10.0.0.5"],
  allowLoopback: false,
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
    for (const address of ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(classifyAddress(address)).toBe("loopback");
    for (const address of ["10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "fd00::1", "fe80::1%eth0", "::", "::ffff:10.0.0.1", "224.0.0.1"]) {
      expect(classifyAddress(address), address).toBe("private");
    }
    expect(classifyAddress("not-an-ip")).toBe("private");
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

  it("reads BUCKET_ENDPOINT_URL as a URL or a bare host", () => {
    expect(hostOfBucketUrl("https://s3.us-east-1.amazonaws.com")).toBe("s3.us-east-1.amazonaws.com");
    expect(hostOfBucketUrl("minio.internal:9000")).toBe("minio.internal:9000");
    expect(hostOfBucketUrl("")).toBeUndefined();
  });

  it("refuses hosts not on the list", async () => {
    expect(await refusal(checkOutputUrl(new URL("https://elsewhere.test/a.png"), policy()))).toMatch(/not an allowed output host/);
    expect(await refusal(checkOutputUrl(new URL("file:///etc/passwd"), policy()))).toMatch(/only http/);
  });

  it("refuses loopback, private and link-local addresses, literal or by DNS, even when the host is listed", async () => {
    expect(await refusal(checkOutputUrl(new URL("http://127.0.0.1/a.png"), policy()))).toMatch(/loopback/);
    expect(await refusal(checkOutputUrl(new URL("http://[::1]/a.png"), policy()))).toMatch(/loopback/);
    expect(await refusal(checkOutputUrl(new URL("http://169.254.169.254/latest/meta-data"), policy()))).toMatch(/private/);
    expect(await refusal(checkOutputUrl(new URL("http://10.0.0.5/a.png"), policy()))).toMatch(/private/);
    expect(await refusal(checkOutputUrl(new URL("http://inside.test/a.png"), policy()))).toMatch(/resolves to 10\.1\.2\.3/);
    // One bad address among good ones is enough to refuse.
    expect(await refusal(checkOutputUrl(new URL("http://mixed.test/a.png"), policy()))).toMatch(/fd00::1/);
    await expect(checkOutputUrl(new URL("https://public.test/a.png"), policy())).resolves.toBeUndefined();
  });

  it("allows loopback in local mode only (the sandbox), never private addresses", async () => {
    await expect(checkOutputUrl(new URL("http://127.0.0.1/a.png"), policy({ allowLoopback: true }))).resolves.toBeUndefined();
    expect(await refusal(checkOutputUrl(new URL("http://inside.test/a.png"), policy({ allowLoopback: true })))).toMatch(/private/);
  });
});

describe("downloadOutput", () => {
  it("downloads from an allowed host", async () => {
    const result = await downloadOutput(`http://media.test:${port}/image.png`, policy({ allowLoopback: true }));
    expect(result.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(result.contentType).toBe("image/png");
  });

  it("checks the address the connection dials (loopback refused outside local mode)", async () => {
    expect(await refusal(downloadOutput(`http://media.test:${port}/image.png`, policy()))).toMatch(/loopback/);
  });

  it("checks every redirect again", async () => {
    const local = policy({ allowLoopback: true, allowedHosts: [`media.test:${port}`, "inside.test"] });
    expect(await refusal(downloadOutput(`http://media.test:${port}/to-loopback-name`, local))).toMatch(/127\.0\.0\.1:\d+: not an allowed output host/);
    expect(await refusal(downloadOutput(`http://media.test:${port}/to-private`, local))).toMatch(/resolves to 10\.1\.2\.3/);
    expect((await downloadOutput(`http://media.test:${port}/same-host`, local)).bytes.length).toBe(8);
  });

  it("stops at the size cap and reports upstream errors as retryable", async () => {
    expect(await refusal(downloadOutput(`http://media.test:${port}/big`, policy({ allowLoopback: true, maxBytes: 1_000 })))).toMatch(/over the 1000-byte limit/);
    const failure = downloadOutput(`http://media.test:${port}/broken`, policy({ allowLoopback: true }));
    await expect(failure).rejects.toMatchObject({ retryable: true, message: expect.stringMatching(/answered 500/) });
  });
});
