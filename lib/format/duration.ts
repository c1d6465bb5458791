/** The console's one way to write how long something took. Browser-safe, no React. */

/**
 * "850 ms", "4.2 s", "42 s", "3 min 5 s", "2 h 10 min". Not measured yet (null, undefined, NaN) reads "—";
 * a negative span (clock skew between Novita and us) reads as 0.
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const span = Math.max(0, ms);
  // Each branch is chosen on the rounded value, so 999.6 ms is "1.0 s" and 59.7 s is "1 min 0 s", never "60 s".
  if (Math.round(span) < 1000) return `${Math.round(span)} ms`;
  const tenths = Math.round(span / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(span / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.floor(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
