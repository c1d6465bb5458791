/**
 * The console's one way to write a moment. Browser-safe, no React.
 * `formatRelative`, `formatDay` and `formatInstant` read the same on the server and in every browser (English, UTC);
 * `formatDateTime` and `formatClock` use the viewer's locale and time zone, for client-rendered detail.
 */

export type Instant = Date | string | number;

function toDate(at: Instant): Date {
  return at instanceof Date ? at : new Date(at);
}

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const instant = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
});

/** "3 Jan 2026" (UTC). */
export function formatDay(at: Instant): string {
  return day.format(toDate(at));
}

/** "3 Jan 2026, 14:05:09 UTC". */
export function formatInstant(at: Instant): string {
  return `${instant.format(toDate(at))} UTC`;
}

/**
 * "just now", "5 min ago", "3 h ago", "1 day ago", "12 days ago"; from 30 days on, the day ("3 Jan 2026").
 * Units are floored (59 minutes is not yet an hour); a moment in the future (clock skew) reads "just now".
 */
export function formatRelative(at: Instant, now: Instant = Date.now()): string {
  const seconds = Math.floor((toDate(now).getTime() - toDate(at).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return "—";
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  const days = Math.floor(seconds / 86_400);
  if (days < 30) return `${days} ${days === 1 ? "day" : "days"} ago`;
  return formatDay(at);
}

/**
 * The full moment in the viewer's locale and zone ("3 Jan 2026, 15:05:09"), e.g. for a title beside a relative time.
 */
export function formatDateTime(at: Instant): string {
  return toDate(at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** The time of day in the viewer's locale and zone ("15:05:09"). */
export function formatClock(at: Instant): string {
  return toDate(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** `yyyy-mm-dd` from a date input → the ISO instant that starts (or ends) that day in the viewer's time zone. */
export function dayBoundary(day: string | undefined, edge: "start" | "end"): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
