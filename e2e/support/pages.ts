/** The console's pages that need no id, as a signed-in admin reaches them: what the crawling tests visit. */
export const CONSOLE_PAGES = [
  "/",
  "/endpoints",
  "/endpoints/new",
  "/jobs",
  "/jobs/new",
  "/workflows",
  "/gallery",
  "/settings",
  "/settings/members",
  "/settings/audit",
  "/settings/connection",
];
