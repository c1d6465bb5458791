import { describe, expect, it } from "vitest";
import { dayBoundary, formatDay, formatInstant, formatRelative } from "./time";

describe("formatRelative", () => {
  const now = Date.parse("2026-01-10T12:00:00Z");

  it("says just now, then minutes, hours and days ago, floored", () => {
    expect(formatRelative("2026-01-10T11:59:40Z", now)).toBe("just now");
    expect(formatRelative("2026-01-10T11:59:00Z", now)).toBe("1 min ago");
    expect(formatRelative("2026-01-10T11:55:00Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-01-10T11:00:30Z", now)).toBe("59 min ago");
    expect(formatRelative("2026-01-10T09:00:00Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-01-09T12:00:00Z", now)).toBe("1 day ago");
    expect(formatRelative("2025-12-12T12:00:00Z", now)).toBe("29 days ago");
  });

  it("gives the day from 30 days on, and just now for a moment in the future", () => {
    expect(formatRelative("2025-12-11T12:00:00Z", now)).toBe("11 Dec 2025");
    expect(formatRelative("2026-01-10T12:05:00Z", now)).toBe("just now");
  });

  it("takes dates, ISO strings and epoch milliseconds alike", () => {
    expect(formatRelative(new Date("2026-01-10T11:55:00Z"), new Date(now))).toBe("5 min ago");
    expect(formatRelative(Date.parse("2026-01-10T11:55:00Z"), now)).toBe("5 min ago");
    expect(formatRelative("not a date", now)).toBe("—");
  });
});

describe("formatDay and formatInstant", () => {
  it("write the moment in UTC, the same in every browser", () => {
    expect(formatDay(new Date("2026-01-02T23:30:00Z"))).toBe("2 Jan 2026");
    expect(formatInstant("2026-01-02T03:04:05Z")).toBe("2 Jan 2026, 03:04:05 UTC");
  });
});

describe("dayBoundary", () => {
  it("turns a date input into the start or end of that local day, and ignores anything else", () => {
    expect(new Date(dayBoundary("2026-03-04", "start")!).getHours()).toBe(0);
    expect(new Date(dayBoundary("2026-03-04", "end")!).getMinutes()).toBe(59);
    expect(dayBoundary("2026-3-4", "start")).toBeUndefined();
    expect(dayBoundary(undefined, "end")).toBeUndefined();
  });
});
