import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";
import { hasRole } from "./roles";

describe("hasRole", () => {
  it("orders admin above operator above viewer", () => {
    expect(hasRole("admin", "admin")).toBe(true);
    expect(hasRole("admin", "viewer")).toBe(true);
    expect(hasRole("operator", "viewer")).toBe(true);
    expect(hasRole("operator", "admin")).toBe(false);
    expect(hasRole("viewer", "operator")).toBe(false);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });
});

describe("safeReturnPath", () => {
  it.each([
    ["/endpoints", "/endpoints"],
    ["/jobs?status=failed", "/jobs?status=failed"],
    [undefined, "/"],
    ["", "/"],
    ["//evil.example/steal", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});
