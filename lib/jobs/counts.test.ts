/**
 * Tab counts on both engines: the counters the triggers of migration 0009 keep match a plain count through inserts,
 * status changes and deletes; filtered counts stop at their bound and say so; list rows carry no input or output.
 */
import { randomUUID } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs } from "@/lib/db/schema";
import { testDatabaseFor } from "@/tests/support/database";
import { countJobsByGroup } from "./counts";
import { listJobs, SEARCH_WINDOW } from "./ledger";
import { jobStatusGroup } from "./status";
import { JOB_TABS, type JobTab } from "./tab-counts";

const STATUSES = ["IN_QUEUE", "IN_PROGRESS", "COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED", "EXPIRED", "SUBMITTING"];

function job(n: number, endpointId: string, status: string) {
  return {
    id: randomUUID(),
    endpointId,
    routeName: endpointId,
    status,
    input: { prompt: `a red lighthouse number ${n}`, image: "x".repeat(2_000) },
    searchText: `a red lighthouse number ${n}`,
    output: status === "COMPLETED" ? { images: ["https://example.com/out.png"] } : null,
    submittedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000),
  };
}

describe.each(["pglite", "postgres"] as const)("tab counts on %s", (engine) => {
  const { skip, database } = testDatabaseFor(engine);

  /** What a plain count says, per tab, under an endpoint (or none). */
  async function plainCounts(endpointId?: string): Promise<Record<JobTab, number>> {
    const rows = await database()
      .db.select({ status: jobs.status, value: count() })
      .from(jobs)
      .where(endpointId ? eq(jobs.endpointId, endpointId) : undefined)
      .groupBy(jobs.status);
    const counts = Object.fromEntries(JOB_TABS.map((tab) => [tab, 0])) as Record<JobTab, number>;
    for (const row of rows) {
      counts.all += row.value;
      counts[jobStatusGroup(row.status)] += row.value;
    }
    return counts;
  }

  async function counterCounts(endpointId?: string) {
    const tabs = await countJobsByGroup(database().db, { endpointId });
    expect(JOB_TABS.some((tab) => tabs[tab].more)).toBe(false);
    return Object.fromEntries(JOB_TABS.map((tab) => [tab, tabs[tab].count]));
  }

  it.skipIf(skip)("the counters follow inserts, status changes and deletes", async () => {
    const { db } = database();
    await db
      .insert(jobs)
      .values(STATUSES.flatMap((status, n) => [job(n, "ep-a", status), job(n + 100, "ep-b", status)]));
    await db.insert(jobs).values(job(300, "ep-a", "COMPLETED"));
    expect(await counterCounts()).toEqual(await plainCounts());
    expect(await counterCounts("ep-a")).toEqual(await plainCounts("ep-a"));
    expect((await counterCounts("ep-a")).completed).toBe(2);

    await db.update(jobs).set({ status: "COMPLETED" }).where(eq(jobs.status, "IN_PROGRESS"));
    await db.update(jobs).set({ nextPollAt: new Date() }).where(eq(jobs.endpointId, "ep-b")); // no status change
    expect(await counterCounts()).toEqual(await plainCounts());
    expect((await counterCounts("ep-b")).running).toBe(0);
    expect((await counterCounts("ep-b")).completed).toBe(2);

    await db.delete(jobs).where(eq(jobs.status, "FAILED"));
    expect(await counterCounts()).toEqual(await plainCounts());
    expect(await counterCounts("ep-a")).toEqual(await plainCounts("ep-a"));
  });

  it.skipIf(skip)("filtered counts stop at the bound and say 'at least'", async () => {
    const { db } = database();
    const filters = { search: "lighthouse" };
    const exact = await countJobsByGroup(db, filters, { bound: 1_000 });
    expect(exact.all).toEqual({ count: (await plainCounts()).all, more: false });
    expect(exact.completed.count).toBe((await plainCounts()).completed);

    const bounded = await countJobsByGroup(db, filters, { bound: 5 });
    expect(bounded.all).toEqual({ count: 5, more: true });
    expect(JOB_TABS.every((tab) => bounded[tab].more && bounded[tab].count <= 5)).toBe(true);
    expect(await countJobsByGroup(db, { search: "number 300" }, { bound: 5 })).toMatchObject({
      all: { count: 1, more: false },
      completed: { count: 1, more: false },
      failed: { count: 0, more: false },
    });
  });

  it.skipIf(skip)("list rows carry the summary columns, not input or output", async () => {
    const { db } = database();
    const page = await listJobs(db, { group: "completed" }, { limit: 2 });
    expect(page.jobs).toHaveLength(2);
    for (const row of page.jobs) {
      expect(row).not.toHaveProperty("input");
      expect(row).not.toHaveProperty("output");
      expect(row).not.toHaveProperty("searchText");
      expect(row.hasOutput).toBe(true);
    }
    const queued = await listJobs(db, { group: "queued" }, { limit: 10 });
    expect(queued.jobs.length).toBeGreaterThan(0);
    expect(queued.jobs.every((row) => row.hasOutput === false)).toBe(true);
    const found = await listJobs(db, { search: "number 300" }, { limit: 10 });
    expect(found.jobs.map((row) => row.status)).toEqual(["COMPLETED"]);
  });

  it.skipIf(skip)("a word search counts the same whether it walks the newest rows or asks the index", async () => {
    const { db } = database();
    // Half the endpoint's jobs match, all of them older than the rest: the walk of the newest rows finds none.
    await db.insert(jobs).values(
      Array.from({ length: 100 }, (_, n) => ({
        ...job(1_000 + n, "ep-old", n < 50 ? "FAILED" : "COMPLETED"),
        searchText: n < 50 ? `an old castle ${n}` : `a new field ${n}`,
      })),
    );
    expect(await countJobsByGroup(db, { endpointId: "ep-old", search: "castle" }, { bound: 5 })).toMatchObject({
      all: { count: 5, more: true },
      failed: { count: 5, more: true },
    });
    expect(await countJobsByGroup(db, { endpointId: "ep-old", search: "castle" }, { bound: 100 })).toMatchObject({
      all: { count: 50, more: false },
      failed: { count: 50, more: false },
      completed: { count: 0, more: false },
    });
  });

  it.skipIf(skip)("a word search in a tab pages through matches older than the walked window", async () => {
    const { db } = database();
    const window = SEARCH_WINDOW + 100;
    // The oldest 60 of the endpoint's jobs are failed castles; the newest SEARCH_WINDOW rows hold none.
    await db.execute(sql`
      insert into jobs (id, endpoint_id, route_name, status, finished, input, search_text, submitted_at)
      select md5('window' || n), 'ep-many', 'ep-many', case when n < 60 then 'FAILED' else 'COMPLETED' end, true,
             '{}'::jsonb, case when n < 60 then 'a castle ' || n else 'a field ' || n end,
             '2026-02-01'::timestamptz + n * interval '1 second'
      from generate_series(0, ${window - 1}::int) as n`);
    const filters = { endpointId: "ep-many", search: "castle", group: "failed" as const };
    const first = await listJobs(db, filters, { limit: 50 });
    expect(first.jobs).toHaveLength(50);
    expect(first.jobs.every((row) => row.status === "FAILED")).toBe(true);
    const second = await listJobs(db, filters, { cursor: first.nextCursor, limit: 50 });
    expect(second.jobs).toHaveLength(10);
    expect(second.nextCursor).toBeUndefined();
    const all = [...first.jobs, ...second.jobs].map((row) => row.submittedAt.getTime());
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect((await countJobsByGroup(db, filters)).failed).toEqual({ count: 60, more: false });
  });

  it.skipIf(skip)("a word in few of the newest jobs fills its page from the longer walk, newest first", async () => {
    const { db } = database();
    // Every 40th of 3,000 jobs: 25 among the newest 1,000 (not a page of 50), 75 in all.
    await db.execute(sql`
      insert into jobs (id, endpoint_id, route_name, status, finished, input, search_text, submitted_at)
      select md5('sparse' || n), 'ep-sparse', 'ep-sparse', 'COMPLETED', true, '{}'::jsonb,
             case when n % 40 = 0 then 'a castle ' || n else 'a field ' || n end,
             '2026-03-01'::timestamptz + n * interval '1 second'
      from generate_series(0, 2999) as n`);
    const page = await listJobs(db, { endpointId: "ep-sparse", search: "castle" }, { limit: 50 });
    const expected = Array.from({ length: 50 }, (_, k) => new Date(Date.UTC(2026, 2, 1) + (2960 - 40 * k) * 1000));
    expect(page.jobs.map((row) => row.submittedAt)).toEqual(expected);
    const rest = await listJobs(
      db,
      { endpointId: "ep-sparse", search: "castle" },
      { cursor: page.nextCursor, limit: 50 },
    );
    expect(rest.jobs).toHaveLength(25);
    expect(rest.nextCursor).toBeUndefined();
  });

  it.skipIf(skip)("truncating the ledger empties the counters", async () => {
    await database().db.execute(sql`truncate jobs cascade`);
    expect((await counterCounts()).all).toBe(0);
  });
});
