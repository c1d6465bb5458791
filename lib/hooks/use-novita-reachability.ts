"use client";

import { useSyncExternalStore } from "react";
import { REACHABLE, type Reachability } from "@/lib/novita/reachability";

/**
 * The tab's view of "Novita unreachable since …": seeded by the layout's server render, then kept current by the
 * live stream's `novita` events (use-live-events.ts), refetched from /api/novita-reachability when the stream had
 * to resync. One value per tab, like the live indicator's.
 */
let current: Reachability = REACHABLE;
let seeded = false;
const listeners = new Set<() => void>();

export function setNovitaReachability(next: Reachability): void {
  seeded = true;
  if (next.unreachableSince === current.unreachableSince && next.reason === current.reason) return;
  current = next;
  for (const listener of listeners) listener();
}

/** The server's reading at render time; ignored once the stream has said something newer. */
export function seedNovitaReachability(initial: Reachability): void {
  if (!seeded) {
    current = initial;
    seeded = true;
  }
}

export function isReachability(value: unknown): value is Reachability {
  const candidate = value as Partial<Reachability> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    (candidate.unreachableSince === null || typeof candidate.unreachableSince === "string") &&
    (candidate.reason === null || typeof candidate.reason === "string")
  );
}

/** Reads the state again (after a resync of the stream). */
export async function refetchNovitaReachability(): Promise<void> {
  const response = await fetch("/api/novita-reachability", { cache: "no-store" });
  if (!response.ok) return;
  const body: unknown = await response.json();
  if (isReachability(body)) setNovitaReachability(body);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNovitaReachability(initial: Reachability): Reachability {
  seedNovitaReachability(initial);
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => initial,
  );
}
