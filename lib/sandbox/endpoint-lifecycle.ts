/**
 * An endpoint's life in Novita's state names (novita-api.md §10.8) and its job-route names (§10.9), as pure
 * functions of the record and the clock; the engine calls them.
 */
import type { EndpointState, SandboxEndpoint } from "./engine-types";
import type { DefaultAppRoute } from "./quirks";

/** `creating` until the start-up time has passed; no workers start before. */
export function creatingState(): SandboxEndpoint["state"] {
  return { state: "creating", error: "", message: "pulling image and preparing workers" };
}

/** After an update: `updating` for half the start-up time, at least 1 ms (so the next tick, not this one, ends it). */
export function markUpdated(endpoint: SandboxEndpoint, now: number, endpointStartupMs: number): void {
  const until = now + Math.max(1, Math.floor(endpointStartupMs / 2));
  if (endpoint.state.state === "creating") {
    endpoint.readyAt = Math.max(endpoint.readyAt, until);
    return;
  }
  endpoint.state = { state: "updating", error: "", message: "rolling out the new configuration" };
  endpoint.readyAt = until;
}

/**
 * Moves `creating`/`updating` on to `serving` and drops a forced state whose time is up; true when something changed.
 */
export function advanceLifecycle(endpoint: SandboxEndpoint, now: number): boolean {
  let changed = false;
  if (endpoint.forcedState?.until != null && now >= endpoint.forcedState.until) {
    endpoint.forcedState = undefined;
    changed = true;
  }
  if (endpoint.state.state !== "serving" && now >= endpoint.readyAt) {
    endpoint.state = { state: "serving", error: "", message: "" };
    changed = true;
  }
  return changed;
}

/** What GET shows: the forced state while it lasts, else the simulated one. */
export function displayedState(endpoint: SandboxEndpoint, now: number): EndpointState {
  const forced = endpoint.forcedState;
  if (forced && (forced.until === null || now < forced.until))
    return { state: forced.state, error: forced.error, message: forced.message };
  return { ...endpoint.state };
}

/**
 * `<id>-<appName>` always; the bare `<id>` only for an endpoint created without an app name (whose app name is
 * then its id, so `<id>-<id>` is its other form). `defaultAppRoute` narrows those two forms to one, for tests.
 * The bare app name is never a route.
 */
export function answersToRoute(endpoint: SandboxEndpoint, name: string, defaultAppRoute: DefaultAppRoute): boolean {
  if (endpoint.appNameGiven) return name === `${endpoint.id}-${endpoint.config.appName}`;
  if (name === endpoint.id) return defaultAppRoute !== "id-id";
  if (name === `${endpoint.id}-${endpoint.id}`) return defaultAppRoute !== "id";
  return false;
}
