/** Small, locale-aware formatting for job rows. Browser-safe, no React. */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

/** "12 sec. ago", "3 min. ago", "yesterday"; future times (clock skew) read as "now". */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (seconds > -5) return "just now";
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(seconds, "second");
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 30 * 86_400) return relative.format(Math.round(seconds / 86_400), "day");
  return new Date(iso).toLocaleDateString();
}

export function formatExact(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** 850 ms, 4.2 s, 3 m 05 s, 2 h 10 m; null (not measured yet) reads as an en dash. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)} m ${String(totalSeconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(totalSeconds / 3600)} h ${String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, "0")} m`;
}

/** The first block of a UUID is enough to tell jobs apart on screen; the full id is one click away. */
export function shortJobId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** `yyyy-mm-dd` from a date input → the ISO instant that starts (or ends) that day in the viewer's time zone. */
export function dayBoundary(day: string | undefined, edge: "start" | "end"): string | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
