import { describe, expect, it } from "vitest";
import { formatBytes } from "./bytes";

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(4 * 1024 * 1024)).toBe("4.00 MiB");
    expect(formatBytes(1.25 * 1024 ** 3)).toBe("1.25 GiB");
  });
});
