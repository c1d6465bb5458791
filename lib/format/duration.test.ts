import { describe, expect, it } from "vitest";
import { formatDuration } from "./duration";

describe("formatDuration", () => {
  it("picks the unit that reads best", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4_200)).toBe("4.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
    expect(formatDuration(2 * 3_600_000 + 10 * 60_000 + 20_000)).toBe("2 h 10 min");
  });

  it("never shows a rounded value in the unit below (1000 ms, 10.0 s, 60 s)", () => {
    expect(formatDuration(999.6)).toBe("1.0 s");
    expect(formatDuration(9_960)).toBe("10 s");
    expect(formatDuration(59_700)).toBe("1 min 0 s");
  });

  it("reads a missing measurement as a dash and clock skew as zero", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
    expect(formatDuration(-40)).toBe("0 ms");
  });
});
