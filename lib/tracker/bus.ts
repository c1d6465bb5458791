/**
 * The event bus between the tracker (and the job services) and the SSE streams. Events get increasing ids and the
 * last ones are kept, so a browser that reconnects with Last-Event-ID misses nothing that happened meanwhile.
 *
 * Where the events live is the bus's log: in a server process it is the database (`DatabaseEventLog`,
 * lib/tracker/event-log.ts) — ids come from Postgres, NOTIFY tells every replica that something was appended, and
 * each replica reads the new rows and hands them to its own watchers — so a browser connected to any replica sees
 * what every replica's tracker saw. Unit tests and benchmarks of one process may use the in-memory log.
 */
import { getDatabase, type Database } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { processSingleton } from "@/lib/utils/process-singleton";
import { DatabaseEventLog } from "./event-log";

export type LiveEventPayload =
  | { type: "job"; job: unknown }
  | { type: "health"; endpointId: string; sample: unknown }
  /** A job's outputs were archived: galleries and the job's page refresh their list. */
  | { type: "outputs"; jobId: string; count: number }
  /** Novita stopped answering, or answers again (lib/cluster/novita-reachability.ts): the header says so. */
  | { type: "novita"; reachability: { unreachableSince: string | null; reason: string | null } };

export type LiveEvent = LiveEventPayload & { id: number };

export type Listener = (event: LiveEvent) => void;

/** Events after an id, and whether they are all of them (false: some were pruned; the reader should refetch). */
export interface MissedEvents {
  events: LiveEvent[];
  complete: boolean;
}

export interface EventLog {
  /**
   * Appends an event; `deliver` is called with every event appended by anyone (this process or another), in order.
   * `within`: the caller's open transaction, so the event is written with the change it tells (or not at all).
   */
  append(payload: LiveEventPayload, within?: Database): Promise<LiveEvent>;
  since(lastId: number): Promise<MissedEvents>;
  /** Starts handing appended events to `deliver` (idempotent). */
  open(deliver: (event: LiveEvent) => void): void;
  close(): Promise<void>;
}

/** One process's log in memory: the last `keep` events. Delivery is immediate. */
export class MemoryEventLog implements EventLog {
  private nextId = 1;
  private readonly recent: LiveEvent[] = [];
  private deliver: (event: LiveEvent) => void = () => {};

  constructor(private readonly keep = 2_000) {}

  async append(payload: LiveEventPayload): Promise<LiveEvent> {
    const event = { ...payload, id: this.nextId++ } as LiveEvent;
    this.recent.push(event);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    this.deliver(event);
    return event;
  }

  async since(lastId: number): Promise<MissedEvents> {
    const events = this.recent.filter((event) => event.id > lastId);
    const oldest = this.recent[0]?.id ?? this.nextId;
    return { events, complete: lastId + 1 >= oldest || lastId >= this.nextId - 1 };
  }

  open(deliver: (event: LiveEvent) => void): void {
    this.deliver = deliver;
  }

  async close(): Promise<void> {}
}

export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly log: EventLog;

  /** A log, or how many events an in-memory log keeps (tests). */
  constructor(log: EventLog | number = new MemoryEventLog()) {
    this.log = typeof log === "number" ? new MemoryEventLog(log) : log;
    this.log.open((event) => {
      for (const listener of this.listeners) listener(event);
    });
  }

  /** Appends an event (inside `within`, a transaction, when given); watchers on every replica get it once it is in. */
  publish(payload: LiveEventPayload, within?: Database): Promise<LiveEvent> {
    return this.log.append(payload, within);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `lastId`; `complete: false` when some were already dropped (the client should refetch). */
  since(lastId: number): Promise<MissedEvents> {
    return this.log.since(lastId);
  }

  /** Watchers connected to this process. */
  get watchers(): number {
    return this.listeners.size;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

/** One bus per server process, shared by every route bundle: its log is the database (see event-log.ts). */
export function getEventBus(): EventBus {
  return processSingleton(
    "event-bus",
    () =>
      new EventBus(
        new DatabaseEventLog(getDatabase, {
          onError: (error, context) =>
            logger.warn({ err: error instanceof Error ? error.message : String(error), context }, "event bus"),
        }),
      ),
  );
}
