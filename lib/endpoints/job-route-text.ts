/** The route name a view carries, and the sentence that says how the console knows it. Browser-safe. */
export type JobRouteSource = "override" | "learned" | "guess";

export interface JobRoute {
  name: string;
  /** override: set by a person; learned: the gateway answered to it; guess: nothing has answered yet. */
  source: JobRouteSource;
  candidates: string[];
  /** When the gateway last confirmed a learned name (ISO). */
  learnedAt: string | undefined;
}

export function describeJobRoute(route: JobRoute): string {
  if (route.source === "override") return "Set by hand; the console uses only this name.";
  if (route.source === "learned") return "Found by the console: Novita's job gateway answers to it.";
  const others = route.candidates.filter((name) => name !== route.name);
  return others.length
    ? `Not confirmed yet: the console tries this first, then ${others.join(", ")}, and remembers the one that answers.`
    : "Not confirmed yet: no job or health call has reached the gateway.";
}
