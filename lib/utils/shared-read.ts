/**
 * One upstream read shared by every viewer: while a value is younger than its time-to-live every caller gets it,
 * and callers that arrive while it is being fetched join that fetch. So 50 open endpoint lists cost Novita what one
 * costs. Failures are not cached (the next caller tries again). One store per process, so that route handlers and
 * server actions share it.
 */
import { processSingleton } from "./process-singleton";

interface Entry {
  value?: unknown;
  fetchedAt: number;
  inFlight?: Promise<unknown>;
}

const store = processSingleton("shared-reads", () => new Map<string, Entry>());

/** `load()`'s value, shared by every caller under `key` for `ttlMs` (and while it is being fetched). */
export async function sharedRead<T>(
  key: string,
  ttlMs: number,
  load: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T> {
  const entry = store.get(key);
  if (entry && "value" in entry && now() - entry.fetchedAt < ttlMs) return entry.value as T;
  if (entry?.inFlight) return entry.inFlight as Promise<T>;
  const inFlight = load();
  store.set(key, { ...entry, fetchedAt: entry?.fetchedAt ?? 0, inFlight });
  try {
    const value = await inFlight;
    store.set(key, { value, fetchedAt: now() });
    return value;
  } catch (error) {
    store.delete(key);
    throw error;
  }
}

/** After a change, reads under this prefix must go upstream again (the person who changed it sees it at once). */
export function forgetSharedReads(prefix: string): void {
  for (const key of store.keys()) if (key.startsWith(prefix)) store.delete(key);
}
