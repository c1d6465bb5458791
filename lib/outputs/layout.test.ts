import { describe, expect, it } from "vitest";
import { galleryRows } from "./layout";
import type { GalleryItem } from "./query";

const item = (id: string, createdAt: string) => ({ id, createdAt }) as GalleryItem;

describe("galleryRows", () => {
  it("groups newest-first items by day, in rows of the column count, keeping each item's index", () => {
    const items = [
      item("a", "2026-11-22T10:00:00Z"),
      item("b", "2026-11-22T09:00:00Z"),
      item("c", "2026-11-22T08:00:00Z"),
      item("d", "2026-11-21T23:00:00Z"),
      item("e", "2025-03-02T12:00:00Z"),
    ];
    const rows = galleryRows(items, 2, new Date("2026-11-22T12:00:00Z"), "UTC");
    expect(
      rows.map((row) =>
        row.type === "day" ? `${row.label} (${row.count})` : `${row.startIndex}:${row.items.map((i) => i.id).join("")}`,
      ),
    ).toEqual(["Today (3)", "0:ab", "2:c", "Yesterday (1)", "3:d", "Sun, 2 Mar 2025 (1)", "4:e"]);
  });

  it("uses the viewer's time zone for the day", () => {
    const rows = galleryRows(
      [item("a", "2026-11-22T02:00:00Z")],
      4,
      new Date("2026-11-22T12:00:00Z"),
      "America/Los_Angeles",
    );
    expect(rows[0]).toMatchObject({ type: "day", label: "Yesterday" });
  });
});
