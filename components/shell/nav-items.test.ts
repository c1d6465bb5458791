import { describe, expect, it } from "vitest";
import { isActiveNavItem, NAV_ITEMS } from "./nav-items";

describe("navigation", () => {
  it("lists the seven sections in order", () => {
    expect(NAV_ITEMS.map((item) => item.label)).toEqual([
      "Overview",
      "Endpoints",
      "Jobs",
      "Workflows",
      "Gallery",
      "API",
      "Settings",
    ]);
  });

  it("marks a section active on its sub-pages, and Overview only on /", () => {
    expect(isActiveNavItem("/", "/")).toBe(true);
    expect(isActiveNavItem("/", "/jobs")).toBe(false);
    expect(isActiveNavItem("/jobs", "/jobs/abc")).toBe(true);
    expect(isActiveNavItem("/jobs", "/jobsx")).toBe(false);
    // The API page is a console page, not under /api (the route handlers').
    expect(NAV_ITEMS.find((item) => item.label === "API")!.href).toBe("/api-reference");
  });
});
