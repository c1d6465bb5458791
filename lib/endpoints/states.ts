/**
 * Novita's endpoint states (§10.8: serving, creating, updating, pending, deleting, stopped, failed) in plain
 * words, with the colour each is shown in and the filter group it belongs to. A state not listed here is shown
 * as Novita wrote it, neutral, and counts as "other". Browser-safe.
 */
export type EndpointTone = "success" | "warning" | "destructive" | "secondary";
/** What a person filters by: up, on its way, or anything else. */
export type EndpointStatusGroup = "serving" | "starting" | "other";

interface StateInfo {
  label: string;
  tone: EndpointTone;
  group: EndpointStatusGroup;
  /** One sentence for the hover text. */
  meaning: string;
}

const STATES: Record<string, StateInfo> = {
  serving: { label: "Serving", tone: "success", group: "serving", meaning: "Ready: jobs are sent to its workers." },
  creating: {
    label: "Creating",
    tone: "warning",
    group: "starting",
    meaning: "Novita is setting it up; jobs wait until it serves.",
  },
  updating: { label: "Updating", tone: "warning", group: "starting", meaning: "A settings change is being applied." },
  pending: {
    label: "Pending",
    tone: "warning",
    group: "starting",
    meaning: "Waiting for Novita, usually for GPU capacity.",
  },
  // The console's own sandbox said "starting" before it used Novita's names; old saved states may still say it.
  starting: { label: "Starting", tone: "warning", group: "starting", meaning: "On its way to serving." },
  deleting: { label: "Deleting", tone: "secondary", group: "other", meaning: "Being removed with its workers." },
  stopped: {
    label: "Stopped",
    tone: "secondary",
    group: "other",
    meaning: "Not serving: no jobs run until it is started again.",
  },
  failed: {
    label: "Failed",
    tone: "destructive",
    group: "other",
    meaning: "Novita could not run it; the error below says why.",
  },
};

export function describeEndpointState(state: string): StateInfo {
  const known = STATES[state.trim().toLowerCase()];
  if (known) return known;
  const shown = state.trim() || "Unknown";
  return {
    label: shown,
    tone: "secondary",
    group: "other",
    meaning: "A state the console does not know; shown as Novita sent it.",
  };
}

export function endpointStatusGroup(state: string): EndpointStatusGroup {
  return describeEndpointState(state).group;
}
