/**
 * Telling "the database is missing" from other failures, on real errors: a Postgres port nobody listens on (through
 * postgres.js and drizzle, as the console opens it), a server that shuts down under an open connection, and ordinary
 * query errors that must stay 500s. Then the down/up cycle: marked down once, probed, marked up when it answers.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/throwaway-postgres.mjs";
import { openTestDatabase } from "@/tests/support/database";
import { forgetProcessSingleton, replaceProcessSingleton } from "@/lib/utils/process-singleton";
import { databaseDownSince, isDatabaseUnavailable, noteDatabaseFailure } from "./availability";
import { databaseAvailability } from "./availability-state";

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (error: unknown) => error,
  );
}

afterEach(() => {
  databaseAvailability().downSince = undefined;
  forgetProcessSingleton("database");
});

describe("isDatabaseUnavailable", () => {
  it("is true for a refused connection, wrapped by drizzle as the console's queries are", async () => {
    const port = await freePort();
    const client = postgres(`postgres://nobody@127.0.0.1:${port}/none`, { max: 1, connect_timeout: 2 });
    const error = await failureOf(() => drizzle(client).execute(sql`select 1`));
    await client.end({ timeout: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("is true for Postgres's shutdown and not-now codes, false for the query's own faults", () => {
    const coded = (code: string) => Object.assign(new Error("x"), { code });
    expect(isDatabaseUnavailable(new Error("Failed query", { cause: coded("57P01") }))).toBe(true);
    expect(isDatabaseUnavailable(coded("08006"))).toBe(true);
    expect(isDatabaseUnavailable(coded("53300"))).toBe(true);
    // A unique violation, a syntax error, a NUL in text: the request's fault or ours, not the database missing.
    for (const code of ["23505", "42601", "22021"]) expect(isDatabaseUnavailable(coded(code))).toBe(false);
    expect(isDatabaseUnavailable(new Error("no code"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe("noteDatabaseFailure", () => {
  it("ignores other errors, marks the database down once, and up again when the probe gets an answer", async () => {
    expect(noteDatabaseFailure(new Error("a bug"))).toBe(false);
    expect(databaseDownSince()).toBeUndefined();

    // The probe asks the process's database: one that answers (PGlite), so the first probe brings it back.
    const handle = (await openTestDatabase("pglite"))!;
    replaceProcessSingleton("database", Promise.resolve(handle));
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(noteDatabaseFailure(refused, 20)).toBe(true);
    const since = databaseDownSince();
    expect(since).toBeInstanceOf(Date);
    expect(noteDatabaseFailure(refused, 20)).toBe(true);
    expect(databaseDownSince()).toBe(since);
    const deadline = Date.now() + 5_000;
    while (databaseDownSince() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(databaseDownSince()).toBeUndefined();
    await handle.close();
  });
});
