/** Dates on the settings pages, formatted on the server in UTC (the same text in every browser, no hydration drift). */
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const instant = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });

export function formatDay(date: Date): string {
  return day.format(date);
}

export function formatInstant(date: Date): string {
  return `${instant.format(date)} UTC`;
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", else the day. */
export function formatAgo(date: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 30 * 86_400) return `${Math.floor(seconds / 86_400)} ${Math.floor(seconds / 86_400) === 1 ? "day" : "days"} ago`;
  return formatDay(date);
}
