import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

/** What a browser makes of a Location header: it strips tabs and newlines and reads `\` as `/` before resolving. */
function browserTarget(location: string): string {
  return new URL(location, "https://console.example").origin;
}

describe("safeReturnPath", () => {
  it.each([
    ["//evil.example", "a protocol-relative URL"],
    ["//evil.example/steal", "a protocol-relative URL with a path"],
    ["/\\evil.example", "a backslash (browsers read it as /)"],
    ["\\\\evil.example", "two backslashes"],
    ["/%5cevil.example", "an encoded backslash"],
    ["/%5Cevil.example", "an encoded backslash, upper case"],
    ["/\t/evil.example", "a tab between the slashes (browsers drop it: //evil.example)"],
    ["/%09/evil.example", "an encoded tab"],
    ["/\n/evil.example", "a newline (a 500 from the redirect before)"],
    ["/\r\n/evil.example", "CR LF"],
    ["/%0a/x", "an encoded newline"],
    ["/%0D%0ASet-Cookie:x=1", "encoded CR LF (header injection)"],
    ["/\u0000/x", "a NUL byte"],
    ["/%00", "an encoded NUL byte"],
    ["/x\u007f", "DEL"],
    ["/x%7F", "an encoded DEL"],
    ["/ok?next=%1f", "a control character in the query"],
    ["https://evil.example", "an absolute URL"],
    ["HTTPS://evil.example/", "an absolute URL, upper case"],
    ["http:evil.example", "a scheme without slashes"],
    ["/%2f%2fevil.example", "encoded slashes that decode to //evil.example"],
    ["/%2F/evil.example", "an encoded slash that makes //"],
    ["javascript:alert(1)", "javascript:"],
    [" /endpoints", "leading space"],
    ["\t//evil.example", "leading tab"],
    ["endpoints", "a relative path"],
    ["", "empty"],
  ])("%j (%s)", (input) => {
    expect(safeReturnPath(input)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/endpoints", "/endpoints"],
    ["/endpoints/abc", "/endpoints/abc"],
    ["/ok?x=1#y", "/ok?x=1#y"],
    ["/jobs?status=failed&q=red%20apple", "/jobs?status=failed&q=red%20apple"],
    ["/javascript:alert(1)//", "/javascript:alert(1)//"],
    ["/a/../settings", "/settings"],
  ])("%j → %j", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it("gives the fallback for a missing value and keeps every answer on the console's own origin", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath(null, "/jobs")).toBe("/jobs");
    expect(safeReturnPath("//evil.example", "/jobs")).toBe("/jobs");
    for (const input of [
      "/\t/evil.example",
      "/%09/evil.example",
      "//evil.example",
      "/\\evil.example",
      "/ok",
      "/%2f%2fevil.example",
      "/\u3000/evil.example",
    ]) {
      expect(browserTarget(safeReturnPath(input)), input).toBe("https://console.example");
    }
  });
});
