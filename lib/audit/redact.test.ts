import { describe, expect, it } from "vitest";
import { REDACTED, redactForAudit } from "./redact";

describe("redactForAudit", () => {
  it("hides values under secret-looking keys and keeps the rest", () => {
    expect(
      redactForAudit({ name: "sd", apiKey: "sk_live_123", password: "hunter22", nested: { token: "t", ok: 1 } }),
    ).toEqual({
      name: "sd",
      apiKey: REDACTED,
      password: REDACTED,
      nested: { token: REDACTED, ok: 1 },
    });
  });

  it("hides env values whose names look secret, keeping the name", () => {
    const env = [
      { key: "HF_TOKEN", value: "hf_abc" },
      { key: "MODEL", value: "flux" },
    ];
    expect(redactForAudit({ env })).toEqual({
      env: [
        { key: "HF_TOKEN", value: REDACTED },
        { key: "MODEL", value: "flux" },
      ],
    });
  });

  it("summarises long blobs instead of copying them", () => {
    const blob = "A".repeat(10_000);
    const out = redactForAudit({ image: blob }) as { image: string };
    expect(out.image.length).toBeLessThan(300);
    expect(out.image).toContain("10000 characters");
  });

  it("leaves empty secret fields visible as empty (nothing to hide)", () => {
    expect(redactForAudit({ password: "", token: null })).toEqual({ password: "", token: null });
  });

  it("hides a Novita key however it is named, and keeps its fingerprint", () => {
    const key = "sk_live_0123456789abcdefWXYZ";
    const out = redactForAudit({ apiKey: key, api_key: key, NOVITA_API_KEY: key, fingerprint: "sk_…WXYZ" });
    expect(out).toEqual({ apiKey: REDACTED, api_key: REDACTED, NOVITA_API_KEY: REDACTED, fingerprint: "sk_…WXYZ" });
    expect(JSON.stringify(out)).not.toContain(key);
  });
});
