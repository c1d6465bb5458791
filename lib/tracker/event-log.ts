/**
 * The bus's log in the database, shared by every replica on one Postgres (and the one process on PGlite).
 * `append` inserts a `live_events` row under a transaction-scoped advisory lock — so ids become visible in the
 * order they were given, and a reader that asks for "after id N" never skips one that commits late — and NOTIFYs
 * the id (small payloads: readers fetch the rows). Each process LISTENs, reads what is new in id order and hands it
 * to its own watchers; a slow poll covers notifications lost while a listening connection was re-established.
 * Old rows are pruned: the newest `keep` stay, which is how far back a reconnecting browser can catch up.
 */
import { and, asc, gt, lte, max, min, sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "@/lib/db/client";
import { liveEvents } from "@/lib/db/schema";
import type { EventLog, LiveEvent, LiveEventPayload, MissedEvents } from "./bus";

const CHANNEL = "console_live_events";
/** Any constant: the same in every console process sharing one Postgres. */
const APPEND_LOCK_KEY = 7_318_202;
const READ_BATCH = 500;

export interface DatabaseEventLogOptions {
  keep?: number;
  /** The safety poll for missed notifications. */
  pollMs?: number;
  pruneEveryMs?: number;
  onError?: (error: unknown, context: string) => void;
}

function toEvent(row: { id: number; payload: unknown }): LiveEvent {
  return { ...(row.payload as LiveEventPayload), id: row.id };
}

export class DatabaseEventLog implements EventLog {
  private deliver: ((event: LiveEvent) => void) | undefined;
  private delivered = 0;
  private started: Promise<void> | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private stopListening: (() => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastPruneAt = 0;
  private closed = false;

  constructor(
    private readonly database: () => Promise<DatabaseHandle>,
    private readonly options: DatabaseEventLogOptions = {},
  ) {}

  async append(payload: LiveEventPayload, within?: Database): Promise<LiveEvent> {
    // One statement: the lock (in FROM, so it is taken before the id is drawn), the row, and the NOTIFY of its id.
    const write = async (tx: Database) => {
      const result = await tx.execute(
        sql`insert into ${liveEvents} (id, payload)
          select nextval(pg_get_serial_sequence('live_events', 'id')), ${JSON.stringify(payload)}::jsonb
          from pg_advisory_xact_lock(${APPEND_LOCK_KEY})
          returning id, pg_notify(${CHANNEL}, id::text)`,
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number | string }[];
      return Number(rows[0]!.id);
    };
    const id = within
      ? await write(within)
      : await (await this.database()).db.transaction((tx) => write(tx as Database));
    void this.maybePrune();
    return { ...payload, id } as LiveEvent;
  }

  async since(lastId: number): Promise<MissedEvents> {
    const { db } = await this.database();
    const [bounds] = await db.select({ oldest: min(liveEvents.id), newest: max(liveEvents.id) }).from(liveEvents);
    const oldest = bounds?.oldest ?? null;
    const newest = bounds?.newest ?? null;
    if (newest === null) return { events: [], complete: lastId === 0 };
    // An id from the future (another database, say) cannot be caught up from: start over.
    if (lastId > newest) return { events: [], complete: false };
    const rows = await db
      .select({ id: liveEvents.id, payload: liveEvents.payload })
      .from(liveEvents)
      .where(gt(liveEvents.id, lastId))
      .orderBy(asc(liveEvents.id))
      .limit(this.options.keep ?? 10_000);
    return { events: rows.map(toEvent), complete: oldest === null || lastId + 1 >= oldest };
  }

  open(deliver: (event: LiveEvent) => void): void {
    this.deliver = deliver;
    this.started ??= this.start().catch((error: unknown) => {
      this.started = undefined;
      this.options.onError?.(error, "live events: listen");
    });
  }

  /** Resolves once this process is listening (tests and startup wait for it). */
  ready(): Promise<void> {
    return this.started ?? Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopListening?.().catch(() => {});
  }

  private async start(): Promise<void> {
    const handle = await this.database();
    const [bounds] = await handle.db.select({ newest: max(liveEvents.id) }).from(liveEvents);
    this.delivered = bounds?.newest ?? 0;
    this.stopListening = await handle.listen(CHANNEL, () => this.readNew());
    this.timer = setInterval(() => this.readNew(), this.options.pollMs ?? 2_000);
    this.timer.unref?.();
  }

  /** Reads and delivers everything after the last delivered id; calls that arrive meanwhile coalesce into one more. */
  private readNew(): void {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.readLoop()
      .catch((error: unknown) => this.options.onError?.(error, "live events: read"))
      .finally(() => {
        this.reading = undefined;
        if (this.readAgain) {
          this.readAgain = false;
          this.readNew();
        }
      });
  }

  private async readLoop(): Promise<void> {
    const { db } = await this.database();
    for (;;) {
      const rows = await db
        .select({ id: liveEvents.id, payload: liveEvents.payload })
        .from(liveEvents)
        .where(gt(liveEvents.id, this.delivered))
        .orderBy(asc(liveEvents.id))
        .limit(READ_BATCH);
      for (const row of rows) {
        this.delivered = row.id;
        this.deliver?.(toEvent(row));
      }
      if (rows.length < READ_BATCH) return;
    }
  }

  private async maybePrune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPruneAt < (this.options.pruneEveryMs ?? 60_000)) return;
    this.lastPruneAt = now;
    try {
      const { db } = await this.database();
      const [bounds] = await db.select({ newest: max(liveEvents.id) }).from(liveEvents);
      const keepFrom = (bounds?.newest ?? 0) - (this.options.keep ?? 10_000);
      if (keepFrom > 0) await db.delete(liveEvents).where(and(lte(liveEvents.id, keepFrom)));
    } catch (error) {
      this.options.onError?.(error, "live events: prune");
    }
  }
}
