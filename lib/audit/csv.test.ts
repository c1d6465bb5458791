import { describe, expect, it } from "vitest";
import { auditRowToCsv, csvCell, csvLine } from "./csv";

describe("csvCell", () => {
  it("leaves plain text alone and empties null", () => {
    expect(csvCell("member.invite")).toBe("member.invite");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
  });

  it("writes dates as ISO and objects as JSON", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell({ role: "viewer" })).toBe('"{""role"":""viewer""}"');
  });
});

describe("auditRowToCsv", () => {
  it("writes one CRLF-terminated line in the header's column order", () => {
    const line = auditRowToCsv({
      id: 7,
      at: new Date("2026-01-02T03:04:05Z"),
      actorEmail: "ada@example.com",
      actorName: "Ada",
      action: "member.role",
      targetType: "user",
      targetId: "u1",
      result: "ok",
      errorMessage: null,
      before: { role: "operator" },
      after: { role: "viewer" },
    });
    expect(line).toBe(
      "7,2026-01-02T03:04:05.000Z,ada@example.com,Ada,member.role,user,u1,ok,," +
        '"{""role"":""operator""}","{""role"":""viewer""}"\r\n',
    );
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
  });
});
