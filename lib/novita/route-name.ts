/**
 * The names an endpoint may answer to in job URLs, most likely first (§10.9). The SDK guide composes
 * `<id>-<appName>` (`o8UJWkag5WTn-async`). Novita defaults the app name to the id, and then it is unconfirmed
 * whether the gateway wants `<id>-<id>` (the composed form, seen in sync URLs) or the bare id (a guide's curl
 * example): both are candidates, and the console learns which one answers (lib/endpoints/job-route.ts).
 */
export function jobRouteCandidates(id: string, appName: string | undefined): string[] {
  const app = appName?.trim();
  if (app && app !== id) return [`${id}-${app}`];
  return [`${id}-${id}`, id];
}

/** The first candidate: what the console tries before it has learned anything. */
export function deriveJobRouteName(id: string, appName: string | undefined): string {
  return jobRouteCandidates(id, appName)[0]!;
}
