import { describe, expect, it } from "vitest";
import { testDatabaseFor } from "@/tests/support/database";
import { anyLeaseHeld, clusterPausedUntil, holdLease, pauseCluster, releaseLease } from "./lease";

describe.each(["pglite", "postgres"] as const)("cluster leases on %s", (engine) => {
  const { skip, database } = testDatabaseFor(engine);
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, seconds));

  it.skipIf(skip)("one holder at a time; renewals by the holder; another takes over once it lapses", async () => {
    const { db } = database();
    expect(await holdLease(db, "tracker", "a", 3_000, at(0))).toBe(true);
    expect(await holdLease(db, "tracker", "b", 3_000, at(1))).toBe(false);
    expect(await holdLease(db, "tracker", "a", 3_000, at(2))).toBe(true);
    // a renewed until 5 s: b still waits at 4 s, takes over at 5 s, and a is then refused.
    expect(await holdLease(db, "tracker", "b", 3_000, at(4))).toBe(false);
    expect(await holdLease(db, "tracker", "b", 3_000, at(5))).toBe(true);
    expect(await holdLease(db, "tracker", "a", 3_000, at(6))).toBe(false);
  });

  it.skipIf(skip)("twenty replicas racing for a free lease: exactly one wins", async () => {
    const { db } = database();
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, index) => holdLease(db, "race", `r${index}`, 5_000, at(0))),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it.skipIf(skip)("a released lease is free at once; watcher flags are found by prefix until they lapse", async () => {
    const { db } = database();
    await holdLease(db, "compaction", "a", 60_000, at(0));
    await releaseLease(db, "compaction", "a");
    expect(await holdLease(db, "compaction", "b", 60_000, at(1))).toBe(true);
    expect(await anyLeaseHeld(db, "watchers:", at(0))).toBe(false);
    await holdLease(db, "watchers:a", "a", 30_000, at(0));
    expect(await anyLeaseHeld(db, "watchers:", at(10))).toBe(true);
    expect(await anyLeaseHeld(db, "watchers:", at(31))).toBe(false);
  });

  it.skipIf(skip)("a cluster pause keeps the later end and is over when it ends", async () => {
    const { db } = database();
    await pauseCluster(db, "novita-429", at(10));
    await pauseCluster(db, "novita-429", at(5));
    expect((await clusterPausedUntil(db, "novita-429", at(0)))?.toISOString()).toBe(at(10).toISOString());
    expect(await clusterPausedUntil(db, "novita-429", at(11))).toBeUndefined();
  });
});
