/**
 * Health samples are kept raw for 24 hours, then as 5-minute averages for 30 days, then dropped — so endpoint
 * charts show a month of history without the table growing without bound.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { healthSamples } from "@/lib/db/schema";

const HOUR = 60 * 60 * 1000;
export const RAW_RETENTION_MS = 24 * HOUR;
export const DOWNSAMPLED_RETENTION_MS = 30 * 24 * HOUR;
const BUCKET_SECONDS = 5 * 60;

export async function compactHealthSamples(
  db: Database,
  now = new Date(),
): Promise<{ downsampled: number; deleted: number }> {
  const rawCutoff = new Date(now.getTime() - RAW_RETENTION_MS);
  const oldCutoff = new Date(now.getTime() - DOWNSAMPLED_RETENTION_MS);
  return db.transaction(async (tx) => {
    // The bucket size is inlined: Postgres matches GROUP BY expressions textually, and parameters would differ.
    const size = sql.raw(String(BUCKET_SECONDS));
    const bucket = sql`to_timestamp(floor(extract(epoch from ${healthSamples.at}) / ${size}) * ${size})`;
    const averages = await tx
      .select({
        endpointId: healthSamples.endpointId,
        at: sql<Date>`${bucket}`.mapWith((value: string | Date) => new Date(value)),
        workersIdle: sql<number>`round(avg(${healthSamples.workersIdle}))::int`,
        workersRunning: sql<number>`round(avg(${healthSamples.workersRunning}))::int`,
        workersThrottled: sql<number>`round(avg(${healthSamples.workersThrottled}))::int`,
        workersTotal: sql<number>`round(avg(${healthSamples.workersTotal}))::int`,
        jobsInQueue: sql<number>`round(avg(${healthSamples.jobsInQueue}))::int`,
        jobsInProgress: sql<number>`round(avg(${healthSamples.jobsInProgress}))::int`,
        jobsCompleted: sql<number>`max(${healthSamples.jobsCompleted})::int`,
        jobsFailed: sql<number>`max(${healthSamples.jobsFailed})::int`,
      })
      .from(healthSamples)
      .where(and(eq(healthSamples.resolution, "raw"), lt(healthSamples.at, rawCutoff)))
      .groupBy(healthSamples.endpointId, bucket);
    if (averages.length > 0) {
      await tx.insert(healthSamples).values(averages.map((average) => ({ ...average, resolution: "5m" })));
      await tx.delete(healthSamples).where(and(eq(healthSamples.resolution, "raw"), lt(healthSamples.at, rawCutoff)));
    }
    const deleted = await tx
      .delete(healthSamples)
      .where(lt(healthSamples.at, oldCutoff))
      .returning({ id: healthSamples.id });
    return { downsampled: averages.length, deleted: deleted.length };
  });
}
