/** The gallery grid as rows for a virtualizer: a day heading, then rows of up to `columns` items. Browser-safe. */
import type { GalleryItem } from "./items";

export type GalleryRow =
  | { type: "day"; key: string; label: string; count: number }
  | { type: "items"; key: string; items: GalleryItem[]; startIndex: number };

/** `YYYY-MM-DD` of an instant in the viewer's time zone (or the one given, for tests). */
export function dayKey(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(iso),
  );
}

export function dayLabel(key: string, now: Date, timeZone?: string): string {
  const today = dayKey(now.toISOString(), timeZone);
  const yesterday = dayKey(new Date(now.getTime() - 86_400_000).toISOString(), timeZone);
  if (key === today) return "Today";
  if (key === yesterday) return "Yesterday";
  const [year, month, day] = key.split("-").map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!, 12));
  const sameYear = key.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: sameYear ? undefined : "numeric",
    timeZone: "UTC",
  }).format(date);
}

/** Items are newest first; `startIndex` is each row's first item's index in `items` (the lightbox's index). */
export function galleryRows(items: GalleryItem[], columns: number, now: Date, timeZone?: string): GalleryRow[] {
  const rows: GalleryRow[] = [];
  let index = 0;
  while (index < items.length) {
    const key = dayKey(items[index]!.createdAt, timeZone);
    let end = index;
    while (end < items.length && dayKey(items[end]!.createdAt, timeZone) === key) end += 1;
    rows.push({ type: "day", key: `day-${key}`, label: dayLabel(key, now, timeZone), count: end - index });
    for (let start = index; start < end; start += columns) {
      rows.push({
        type: "items",
        key: `row-${items[start]!.id}`,
        items: items.slice(start, Math.min(start + columns, end)),
        startIndex: start,
      });
    }
    index = end;
  }
  return rows;
}
