import "server-only";
import { and, asc, eq, gte } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { healthSamples } from "@/lib/db/schema";
import type { HealthSample } from "./health-history";

/** The tracker's stored `/health` samples of an endpoint since `since`, as chart points (ready vs total workers). */
export async function storedHealthHistory(db: Database, endpointId: string, since: Date): Promise<HealthSample[]> {
  const rows = await db
    .select()
    .from(healthSamples)
    .where(and(eq(healthSamples.endpointId, endpointId), gte(healthSamples.at, since)))
    .orderBy(asc(healthSamples.at))
    .limit(2_000);
  return rows.map((row) => ({
    at: row.at.getTime(),
    workersRunning: row.workersIdle + row.workersRunning + row.workersThrottled,
    workersTotal: row.workersTotal,
    jobsInQueue: row.jobsInQueue,
    jobsInProgress: row.jobsInProgress,
  }));
}
