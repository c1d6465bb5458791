import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { healthSamples } from "@/lib/db/schema";
import { compactHealthSamples } from "./health-retention";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openDatabase({ engine: "pglite", dataDir: undefined });
});
afterAll(async () => {
  await database.close();
});

function sample(at: Date, running: number, completed: number) {
  return {
    endpointId: "ep-1",
    at,
    workersIdle: 0,
    workersRunning: running,
    workersThrottled: 0,
    workersTotal: running,
    jobsInQueue: running * 2,
    jobsInProgress: running,
    jobsCompleted: completed,
    jobsFailed: 0,
  };
}

describe("compactHealthSamples", () => {
  it("averages raw samples older than 24 h into 5-minute buckets, keeps recent ones, drops what is older than 30 days", async () => {
    const now = new Date("2026-11-22T12:00:00Z");
    const old = new Date("2026-11-20T10:00:00Z");
    await database.db
      .insert(healthSamples)
      .values([
        sample(old, 2, 10),
        sample(new Date(old.getTime() + 60_000), 4, 12),
        sample(new Date(old.getTime() + 6 * 60_000), 1, 20),
        sample(new Date("2026-11-22T11:59:00Z"), 3, 30),
        { ...sample(new Date("2026-10-01T00:00:00Z"), 1, 1), resolution: "5m" },
      ]);
    expect(await compactHealthSamples(database.db, now)).toEqual({ downsampled: 2, deleted: 1 });
    const rows = await database.db.select().from(healthSamples).orderBy(asc(healthSamples.at));
    expect(rows.map((row) => [row.at.toISOString(), row.resolution, row.workersRunning, row.jobsCompleted])).toEqual([
      ["2026-11-20T10:00:00.000Z", "5m", 3, 12],
      ["2026-11-20T10:05:00.000Z", "5m", 1, 20],
      ["2026-11-22T11:59:00.000Z", "raw", 3, 30],
    ]);
    expect(await compactHealthSamples(database.db, now)).toEqual({ downsampled: 0, deleted: 0 });
  });
});
