/**
 * Which name an endpoint answers to in job URLs, found rather than assumed (§10.9): a person's override wins;
 * else the candidate the gateway last answered to; else the first candidate. A call made on a route that Novita
 * says does not exist is repeated on the other candidates (a not-found answer means nothing was created, so this
 * cannot run a job twice), and the one that answers is remembered per endpoint.
 */
import { eq, inArray } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { endpointRecords } from "@/lib/db/schema";
import { isNovitaError, NovitaError } from "@/lib/novita/errors";
import type { Endpoint } from "@/lib/novita/types";

import type { JobRoute, JobRouteSource } from "./job-route-text";

export type { JobRoute, JobRouteSource };

type RouteRecord = Pick<
  typeof endpointRecords.$inferSelect,
  "jobRouteNameOverride" | "jobRouteNameLearned" | "jobRouteNameLearnedAt"
>;
export type RoutedEndpoint = Pick<Endpoint, "id" | "jobRouteCandidates">;

export function chooseJobRoute(endpoint: RoutedEndpoint, record: RouteRecord | undefined): JobRoute {
  const candidates = endpoint.jobRouteCandidates;
  const override = record?.jobRouteNameOverride?.trim();
  if (override) return { name: override, source: "override", candidates, learnedAt: undefined };
  const learned = record?.jobRouteNameLearned;
  // A learned name that is no candidate any more (the app name changed) is forgotten.
  if (learned && candidates.includes(learned)) {
    return { name: learned, source: "learned", candidates, learnedAt: record?.jobRouteNameLearnedAt?.toISOString() };
  }
  return { name: candidates[0] ?? endpoint.id, source: "guess", candidates, learnedAt: undefined };
}

async function routeRecords(db: Database, ids: string[]): Promise<Map<string, RouteRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(endpointRecords).where(inArray(endpointRecords.endpointId, ids));
  return new Map(rows.map((row) => [row.endpointId, row]));
}

export async function jobRouteOf(db: Database, endpoint: RoutedEndpoint): Promise<JobRoute> {
  return chooseJobRoute(endpoint, (await routeRecords(db, [endpoint.id])).get(endpoint.id));
}

export async function jobRoutesOf(db: Database, endpoints: RoutedEndpoint[]): Promise<Map<string, JobRoute>> {
  const records = await routeRecords(
    db,
    endpoints.map((endpoint) => endpoint.id),
  );
  return new Map(endpoints.map((endpoint) => [endpoint.id, chooseJobRoute(endpoint, records.get(endpoint.id))]));
}

async function learnJobRoute(db: Database, endpointId: string, name: string): Promise<void> {
  const now = new Date();
  await db
    .insert(endpointRecords)
    .values({ endpointId, jobRouteNameLearned: name, jobRouteNameLearnedAt: now })
    .onConflictDoUpdate({
      target: endpointRecords.endpointId,
      set: { jobRouteNameLearned: name, jobRouteNameLearnedAt: now, updatedAt: now },
    });
}

/** Sets (or, with undefined, clears) a person's choice of route name. */
export async function setJobRouteOverride(db: Database, endpointId: string, name: string | undefined): Promise<void> {
  const now = new Date();
  await db
    .insert(endpointRecords)
    .values({ endpointId, jobRouteNameOverride: name ?? null })
    .onConflictDoUpdate({
      target: endpointRecords.endpointId,
      set: { jobRouteNameOverride: name ?? null, updatedAt: now },
    });
}

export async function forgetJobRoutes(db: Database, endpointId: string): Promise<void> {
  await db.delete(endpointRecords).where(eq(endpointRecords.endpointId, endpointId));
}

function isNotFound(error: unknown): error is NovitaError {
  return isNovitaError(error) && error.kind === "not_found";
}

/**
 * Runs `call` on the endpoint's route name; on a not-found answer, on each other candidate (not when a person
 * chose the name: theirs is the only one to use). The name that answered is remembered when it is new.
 */
export async function callOnJobRoute<T>(
  db: Database,
  endpoint: RoutedEndpoint,
  call: (routeName: string) => Promise<T>,
  /** The route as already read (a list reads them all at once); read here when not given. */
  known?: JobRoute,
): Promise<{ value: T; route: JobRoute }> {
  const route = known ?? (await jobRouteOf(db, endpoint));
  const order =
    route.source === "override"
      ? [route.name]
      : [route.name, ...route.candidates.filter((name) => name !== route.name)];
  let firstFailure: NovitaError | undefined;
  for (const name of order) {
    try {
      const value = await call(name);
      if (route.source === "override") return { value, route };
      if (route.source !== "learned" || route.name !== name) await learnJobRoute(db, endpoint.id, name);
      return { value, route: { ...route, name, source: "learned", learnedAt: new Date().toISOString() } };
    } catch (error) {
      if (!isNotFound(error)) throw error;
      firstFailure ??= error;
    }
  }
  throw noRouteAnswered(endpoint.id, order, route.source, firstFailure!);
}

function noRouteAnswered(
  endpointId: string,
  tried: string[],
  source: JobRouteSource,
  failure: NovitaError,
): NovitaError {
  const names = tried.map((name) => `"${name}"`).join(" and ");
  const advice =
    source === "override"
      ? "The route name was set by hand on the endpoint page: check it there, or clear it to let the console find it."
      : "Check that the endpoint is serving; " +
        "if Novita's console shows another job URL, set that route name on the endpoint page.";
  const said = failure.upstreamMessage ?? `HTTP ${failure.status ?? "?"}`;
  return new NovitaError({
    kind: "not_found",
    operation: failure.operation,
    status: failure.status,
    reason: failure.reason,
    upstreamMessage: failure.upstreamMessage,
    message: `${failure.message} (endpoint ${endpointId}, tried ${tried.join(", ")})`,
    userMessage:
      `Novita's job gateway answered none of the route names tried for endpoint ${endpointId} ` +
      `(${names}; it said: ${said}). ${advice}`,
  });
}
