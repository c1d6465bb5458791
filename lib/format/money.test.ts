import { describe, expect, it } from "vitest";
import { formatCost, formatUsd } from "./money";

describe("formatUsd and formatCost", () => {
  it("writes cents, a third decimal under ten cents, and unknown for a missing price", () => {
    expect(formatUsd(4.14)).toBe("$4.14");
    expect(formatUsd(0.69)).toBe("$0.69");
    expect(formatUsd(0.0125)).toBe("$0.013");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatCost(undefined)).toBe("unknown");
    expect(formatCost(Number.NaN)).toBe("unknown");
    expect(formatCost(0.69)).toBe("$0.69");
  });
});
