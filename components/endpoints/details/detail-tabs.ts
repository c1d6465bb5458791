/** The details page's tabs, as named in `?tab=` (shared by the server page and the client component). */
export const DETAIL_TABS = ["overview", "workers", "settings", "api", "jobs", "danger"] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export function parseDetailTab(value: unknown): DetailTab {
  return DETAIL_TABS.find((candidate) => candidate === value) ?? "overview";
}
