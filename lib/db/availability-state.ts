/**
 * Since when this process has found its database missing (lib/db/availability.ts sets and clears it). Imports
 * nothing of the database, so the proxy can read it: while it is set, pages answer 503 there.
 */
import { processSingleton } from "@/lib/utils/process-singleton";

interface Availability {
  downSince: Date | undefined;
}

export const databaseAvailability = () =>
  processSingleton<Availability>("database-availability", () => ({ downSince: undefined }));

/** Since when the database has not answered; undefined while it answers. */
export function databaseDownSince(): Date | undefined {
  return databaseAvailability().downSince;
}
