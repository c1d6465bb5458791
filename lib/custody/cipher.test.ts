import { describe, expect, it } from "vitest";
import { keyFingerprint, openSealedSecret, sealSecret, UnreadableSecretError } from "./cipher";

const SECRET = "a".repeat(64);
const KEY = "sk_live_0123456789abcdefWXYZ";

describe("sealSecret / openSealedSecret", () => {
  it("round-trips and never contains the plain text", () => {
    const sealed = sealSecret(KEY, SECRET, "novita-api-key");
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(KEY);
    expect(sealed).not.toContain("WXYZ");
    expect(openSealedSecret(sealed, SECRET, "novita-api-key")).toBe(KEY);
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret(KEY, SECRET, "p")).not.toBe(sealSecret(KEY, SECRET, "p"));
  });

  it("refuses another CONSOLE_SECRET, another purpose and a tampered value", () => {
    const sealed = sealSecret(KEY, SECRET, "novita-api-key");
    expect(() => openSealedSecret(sealed, "b".repeat(64), "novita-api-key")).toThrow(UnreadableSecretError);
    expect(() => openSealedSecret(sealed, SECRET, "other")).toThrow(UnreadableSecretError);
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    parts[3] = flipped.toString("base64url");
    expect(() => openSealedSecret(parts.join("."), SECRET, "novita-api-key")).toThrow(UnreadableSecretError);
    expect(() => openSealedSecret("garbage", SECRET, "novita-api-key")).toThrow(UnreadableSecretError);
  });
});

describe("keyFingerprint", () => {
  it("shows the kind prefix and the last 4 characters only", () => {
    expect(keyFingerprint(KEY)).toBe("sk_…WXYZ");
    expect(keyFingerprint("0f1e2d3c4b5a69788796a5b4c3d2e1f0")).toBe("…e1f0");
  });

  it("shows nothing of a short key", () => {
    expect(keyFingerprint("sk_abc")).toBe("sk_…");
    expect(keyFingerprint("short")).toBe("…");
  });
});
