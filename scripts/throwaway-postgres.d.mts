// Types of throwaway-postgres.mjs, for TypeScript callers (bench/ledger.ts).
export function findPostgresBinaries(): string | undefined;
export function freePort(): Promise<number>;
export function startThrowawayPostgres(bin: string): Promise<{ url: string; stop(): Promise<void> }>;
