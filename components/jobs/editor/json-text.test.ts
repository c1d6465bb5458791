import { describe, expect, it } from "vitest";
import { MAX_JOB_REQUEST_BYTES } from "@/lib/jobs/status";
import { describeParseError, lineColumnAt, measureRequest, parseJsonText } from "./json-text";

describe("parseJsonText", () => {
  it("parses valid JSON", () => {
    expect(parseJsonText('{"seconds": 5}')).toEqual({ ok: true, value: { seconds: 5 } });
  });

  it("says where a syntax error is, by line and column", () => {
    const parsed = parseJsonText('{\n  "a": 1\n  "b": 2\n}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.line).toBe(3);
    expect(parsed.column).toBe(3);
    expect(describeParseError(parsed)).toMatch(/^Line 3, column 3: /);
    expect(describeParseError(parsed)).not.toMatch(/position/);
  });

  it("reports empty input and unexpected end", () => {
    expect(parseJsonText("  ")).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseJsonText('{"a": ')).toMatchObject({ ok: false, line: 1 });
  });

  it("computes line and column of an offset", () => {
    expect(lineColumnAt("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt("", 0)).toEqual({ line: 1, column: 1 });
  });
});

describe("measureRequest", () => {
  it("grades the size against 4 MiB", () => {
    expect(measureRequest({ a: 1 }).level).toBe("ok");
    expect(measureRequest("x".repeat(MAX_JOB_REQUEST_BYTES * 0.9)).level).toBe("near");
    expect(measureRequest("x".repeat(MAX_JOB_REQUEST_BYTES)).level).toBe("over");
  });
});
