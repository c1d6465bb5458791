// Types of throwaway-postgres.mjs, for TypeScript callers (bench/ledger.ts, bench/faults/db-trouble.ts).
export function findPostgresBinaries(): string | undefined;
export function freePort(): Promise<number>;
export interface ThrowawayPostgres {
  url: string;
  /** Shuts the server down with its data kept: "fast" (a clean shutdown, the default) or "immediate". */
  stopServer(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts it again on the same port and data. */
  startServer(): Promise<void>;
  /** Shuts it down and removes its data. */
  stop(): Promise<void>;
}
export function startThrowawayPostgres(bin: string): Promise<ThrowawayPostgres>;
