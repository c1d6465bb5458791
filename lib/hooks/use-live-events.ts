"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import type { JobSummary } from "@/lib/jobs/summary";
import { JOBS_QUERY_KEY, jobQueryKey, writeJobIntoDetails, writeJobIntoLists } from "./job-cache";
import { OUTPUTS_QUERY_KEY } from "./outputs-key";
import { isReachability, refetchNovitaReachability, setNovitaReachability } from "./use-novita-reachability";

/**
 * The tab's one live connection: `GET /api/events` (SSE) from our own server, which reads the single tracker's
 * bus — watching costs no Novita calls, however many tabs are open. EventSource reconnects by itself and sends
 * Last-Event-ID, so the server replays what was missed (or says `resync` when it cannot).
 */
export type LiveState = "connecting" | "live" | "reconnecting";

let liveState: LiveState = "connecting";
const listeners = new Set<() => void>();

function setLiveState(next: LiveState) {
  if (next === liveState) return;
  liveState = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The connection's state, for the header's indicator. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(
    subscribe,
    () => liveState,
    () => "connecting",
  );
}

/** Counts change with nearly every event; refreshing at most once a second keeps a burst to one request. */
const REFRESH_DEBOUNCE_MS = 1_000;
const RECONNECT_AFTER_MS = 3_000;

function isJobSummary(value: unknown): value is JobSummary {
  const job = value as Partial<JobSummary> | null;
  return typeof job?.id === "string" && typeof job.status === "string" && typeof job.submittedAt === "string";
}

/** Mount once per signed-in tab (the app shell does): opens the stream and writes its events into React Query. */
export function useLiveEvents(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    const staleLists = new Map<string, QueryKey>();
    const refreshSoon = (lists: QueryKey[]) => {
      for (const key of lists) staleLists.set(JSON.stringify(key), key);
      countsTimer ??= setTimeout(() => {
        countsTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: ["jobs", "counts"] });
        for (const key of staleLists.values()) void queryClient.invalidateQueries({ queryKey: key, exact: true });
        staleLists.clear();
      }, REFRESH_DEBOUNCE_MS);
    };

    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let everOpened = false;

    const onJob = (event: Event) => {
      let job: unknown;
      try {
        job = (JSON.parse((event as MessageEvent<string>).data) as { job?: unknown }).job;
      } catch {
        return;
      }
      if (!isJobSummary(job)) return;
      const stale = writeJobIntoLists(queryClient, job);
      writeJobIntoDetails(queryClient, job);
      // The details carry the timeline, which the event does not: refetched only if a details view is open.
      void queryClient.invalidateQueries({ queryKey: jobQueryKey(job.id), exact: true });
      refreshSoon(stale);
    };
    const onResync = () => {
      void refetchNovitaReachability().catch(() => undefined);
      void queryClient.invalidateQueries({ queryKey: JOBS_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: ["job"] });
      void queryClient.invalidateQueries({ queryKey: OUTPUTS_QUERY_KEY });
    };
    // A job's outputs were archived: its page and any open gallery fetch the new list.
    const onOutputs = () => void queryClient.invalidateQueries({ queryKey: OUTPUTS_QUERY_KEY });
    // Novita stopped answering or answers again: the header's notice.
    const onNovita = (event: Event) => {
      try {
        const { reachability } = JSON.parse((event as MessageEvent<string>).data) as { reachability?: unknown };
        if (isReachability(reachability)) setNovitaReachability(reachability);
      } catch {
        // not ours
      }
    };

    const connect = () => {
      setLiveState(everOpened ? "reconnecting" : "connecting");
      const current = new EventSource("/api/events");
      source = current;
      current.onopen = () => {
        // Back after a drop: the server replays missed events from Last-Event-ID, but a fresh connection (below)
        // has none, and searched lists cannot be judged in the browser, so everything jobs-related is refreshed.
        if (everOpened) onResync();
        everOpened = true;
        setLiveState("live");
      };
      current.onerror = () => {
        setLiveState(everOpened ? "reconnecting" : "connecting");
        // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up (the server answered
        // an error, say while restarting), so a new connection is opened after a pause.
        if (current.readyState === EventSource.CLOSED) {
          current.close();
          retryTimer = setTimeout(connect, RECONNECT_AFTER_MS);
        }
      };
      current.addEventListener("job", onJob);
      current.addEventListener("resync", onResync);
      current.addEventListener("outputs", onOutputs);
      current.addEventListener("novita", onNovita);
    };
    connect();

    return () => {
      if (countsTimer) clearTimeout(countsTimer);
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      setLiveState("connecting");
    };
  }, [queryClient]);
}
