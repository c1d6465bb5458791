import "server-only";
/**
 * Whether this process can reach its database. A query that fails because the database is not there (refused,
 * reset, shut down, a Postgres that is starting or out of connections) marks it down; from then on a probe asks
 * every second and marks it up again when it answers. While it is down, pages answer 503 at the proxy with a page
 * that retries by itself, and routes and actions answer 503 `unavailable` (lib/api/errors.ts): never a 500 storm,
 * never a stack trace with a session token in its query parameters.
 */
import { ConsoleError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { databaseAvailability } from "./availability-state";
import { getDatabase, pingDatabase } from "./client";

export { databaseDownSince } from "./availability-state";

/** Node's socket errors, postgres.js's connection errors, and Postgres's own "not now" SQLSTATEs (class 08, 57P0x, 53300). */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** True when `error` (or what it wraps: drizzle's "Failed query", better-auth's APIError) is the database missing. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The database is not answering; nothing was changed. Answered 503 with Retry-After. */
export class DatabaseUnavailable extends ConsoleError {
  constructor() {
    super(
      "unavailable",
      "The console's database is not answering, so nothing was changed. Try again in a few seconds; jobs already " +
        "sent are kept and tracking resumes on its own once it is back.",
    );
  }
}

/**
 * Looks at a failure: when it is the database missing, marks it down (once) and starts the probe that marks it up.
 * Returns whether it was.
 */
export function noteDatabaseFailure(error: unknown, probeMs = 1_000): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  const current = databaseAvailability();
  if (current.downSince) return true;
  current.downSince = new Date();
  logger.error({ err: describe(error) }, "database unreachable: answering 503 until it is back");
  let asking = false;
  const probe = setInterval(() => {
    if (asking) return;
    asking = true;
    getDatabase()
      .then((database) => pingDatabase(database.db))
      .then(
        () => {
          const downMs = Date.now() - (current.downSince?.getTime() ?? Date.now());
          clearInterval(probe);
          current.downSince = undefined;
          logger.info({ downMs }, "database reachable again");
        },
        () => {},
      )
      .finally(() => (asking = false));
  }, probeMs);
  probe.unref?.();
  return true;
}

/** The innermost message (drizzle's outer one quotes the query; its parameters may be a session token). */
function describe(error: unknown): string {
  let current: unknown = error;
  let message = "";
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") message = `${code}${current instanceof Error ? `: ${current.message}` : ""}`;
    current = (current as { cause?: unknown }).cause;
  }
  return message || "unknown";
}
