/**
 * The in-process event bus between the tracker and the SSE streams. Events get increasing ids and the last
 * ones are kept, so a browser that reconnects with Last-Event-ID misses nothing that happened meanwhile.
 */
import { processSingleton } from "@/lib/utils/process-singleton";

export type LiveEventPayload =
  | { type: "job"; job: unknown }
  | { type: "health"; endpointId: string; sample: unknown }
  /** A job's outputs were archived: galleries and the job's page refresh their list. */
  | { type: "outputs"; jobId: string; count: number };

export type LiveEvent = LiveEventPayload & { id: number };

type Listener = (event: LiveEvent) => void;

export class EventBus {
  private nextId = 1;
  private readonly recent: LiveEvent[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(private readonly keep = 2_000) {}

  publish(payload: LiveEventPayload): LiveEvent {
    const event = { ...payload, id: this.nextId++ } as LiveEvent;
    this.recent.push(event);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `lastId`; `complete: false` when some were already dropped (the client should refetch). */
  since(lastId: number): { events: LiveEvent[]; complete: boolean } {
    const events = this.recent.filter((event) => event.id > lastId);
    const oldest = this.recent[0]?.id ?? this.nextId;
    return { events, complete: lastId + 1 >= oldest || lastId >= this.nextId - 1 };
  }

  get watchers(): number {
    return this.listeners.size;
  }
}

/** One bus per server process, shared by every route bundle. */
export function getEventBus(): EventBus {
  return processSingleton("event-bus", () => new EventBus());
}
