/**
 * Endpoint life in Novita's state names, job-route names, type, forced states and the upgrade of old saved
 * endpoints — on the engine with a fake clock (no timers, no HTTP).
 */
import { describe, expect, it } from "vitest";
import { SandboxEngine, type SandboxEndpoint } from "./engine";
import { upgradeEndpoint } from "./persistence";
import { storedEndpointConfig } from "./test-support";

const config = (appName: string | undefined = undefined, minNum = 0) =>
  storedEndpointConfig({ name: "lifecycle", appName, workerConfig: { minNum, maxNum: 2 } });

function harness(endpointStartupMs = 1000) {
  const clock = { t: 0 };
  const engine = new SandboxEngine(
    { coldStartMs: 100, endpointStartupMs, retentionMs: 60_000 },
    ({ input }) => Promise.resolve({ output: input }),
    () => clock.t,
  );
  return {
    clock,
    engine,
    at(t: number) {
      clock.t = t;
      engine.tick();
    },
    shown: (endpoint: SandboxEndpoint) => engine.stateOf(endpoint).state,
  };
}

describe("endpoint type", () => {
  it("is sync unless create says async; update keeps it", () => {
    const h = harness();
    const plain = h.engine.createEndpoint(config());
    const async = h.engine.createEndpoint(config(), "async");
    expect(plain.type).toBe("sync");
    expect(async.type).toBe("async");
    h.engine.updateEndpoint(async.id, { ...async.config, name: "renamed" });
    expect(async.type).toBe("async");
  });
});

describe("job route names", () => {
  it("an endpoint created without an app name answers to <id> and <id>-<id> by default", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(config());
    expect(endpoint.appNameGiven).toBe(false);
    expect(h.engine.resolveRouteName(endpoint.id)).toBe(endpoint);
    expect(h.engine.resolveRouteName(`${endpoint.id}-${endpoint.id}`)).toBe(endpoint);
    expect(h.engine.resolveRouteName(`${endpoint.id}-async`)).toBeUndefined();
  });

  it("defaultAppRoute narrows the forms of a default app name: id → only <id>, id-id → only <id>-<id>", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(config());
    expect(h.engine.resolveRouteName(endpoint.id, "id")).toBe(endpoint);
    expect(h.engine.resolveRouteName(`${endpoint.id}-${endpoint.id}`, "id")).toBeUndefined();
    expect(h.engine.resolveRouteName(endpoint.id, "id-id")).toBeUndefined();
    expect(h.engine.resolveRouteName(`${endpoint.id}-${endpoint.id}`, "id-id")).toBe(endpoint);
  });

  it("defaultAppRoute does not touch an endpoint with an app name of its own", () => {
    const h = harness();
    const endpoint = h.engine.createEndpoint(config("async"));
    for (const rule of ["both", "id", "id-id"] as const) {
      expect(h.engine.resolveRouteName(`${endpoint.id}-async`, rule)).toBe(endpoint);
      expect(h.engine.resolveRouteName(endpoint.id, rule)).toBeUndefined();
    }
  });
});

describe("states", () => {
  it("an update: `updating` for half the start-up time, then `serving` again; workers carry on", async () => {
    const h = harness(1000);
    const endpoint = h.engine.createEndpoint(config(undefined, 1));
    h.at(1000);
    h.at(1100);
    expect(h.shown(endpoint)).toBe("serving");
    h.engine.updateEndpoint(endpoint.id, { ...endpoint.config, name: "v2" });
    expect(h.shown(endpoint)).toBe("updating");
    const job = h.engine.submitJob(endpoint, "during update");
    expect(job.status).toBe("IN_PROGRESS");
    h.at(1599);
    expect(h.shown(endpoint)).toBe("updating");
    h.at(1600);
    expect(h.engine.stateOf(endpoint)).toEqual({ state: "serving", error: "", message: "" });
  });

  it("with no start-up time an update still reads `updating` until a later tick", () => {
    const h = harness(0);
    const endpoint = h.engine.createEndpoint(config());
    h.at(0);
    expect(h.shown(endpoint)).toBe("serving");
    h.engine.updateEndpoint(endpoint.id, endpoint.config);
    h.engine.tick();
    expect(h.shown(endpoint)).toBe("updating");
    h.at(1);
    expect(h.shown(endpoint)).toBe("serving");
  });

  it("an update while creating keeps it creating, at least until the update's time is up", () => {
    const h = harness(1000);
    const endpoint = h.engine.createEndpoint(config());
    h.at(900);
    h.engine.updateEndpoint(endpoint.id, endpoint.config);
    expect(h.shown(endpoint)).toBe("creating");
    h.at(1000);
    expect(h.shown(endpoint)).toBe("creating");
    h.at(1400);
    expect(h.shown(endpoint)).toBe("serving");
  });

  it("a forced state shows for forMs, then the simulated one returns; without forMs it stays until changed", () => {
    const h = harness(1000);
    const endpoint = h.engine.createEndpoint(config(undefined, 1));
    h.engine.forceState(
      endpoint.id,
      { state: "failed", error: "IMAGE_PULL_FAILED", message: "pull access denied" },
      500,
    );
    expect(h.engine.stateOf(endpoint)).toEqual({
      state: "failed",
      error: "IMAGE_PULL_FAILED",
      message: "pull access denied",
    });
    h.at(499);
    expect(h.shown(endpoint)).toBe("failed");
    h.at(500);
    expect(h.shown(endpoint)).toBe("creating");
    expect(endpoint.forcedState).toBeUndefined();

    h.engine.forceState(endpoint.id, { state: "stopped", error: "", message: "" }, undefined);
    h.at(1_000_000);
    expect(h.shown(endpoint)).toBe("stopped");
    // Display only: the simulation went on underneath.
    expect(endpoint.state.state).toBe("serving");
    expect(h.engine.workersOf(endpoint.id)).toHaveLength(1);
    h.engine.forceState(endpoint.id, { state: "deleting", error: "", message: "" }, 10);
    expect(h.shown(endpoint)).toBe("deleting");
    h.at(1_000_010);
    expect(h.shown(endpoint)).toBe("serving");
  });
});

describe("endpoints saved by an older sandbox", () => {
  it("load as async, with appNameGiven inferred, `starting` read as `creating` and the old product ids renamed", () => {
    const h = harness();
    const created = h.engine.createEndpoint(config("my-app"));
    const defaulted = h.engine.createEndpoint(config());
    const old = (endpoint: SandboxEndpoint) => {
      const rest: Partial<SandboxEndpoint> & Pick<SandboxEndpoint, "config"> = JSON.parse(
        JSON.stringify(endpoint),
      ) as SandboxEndpoint;
      delete rest.type;
      delete rest.appNameGiven;
      return {
        ...rest,
        state: { state: "starting", error: "", message: "" },
        config: { ...rest.config, products: [{ id: "sandbox-h100-sxm-80gb" }] },
      };
    };
    const named = upgradeEndpoint(old(created) as unknown as SandboxEndpoint);
    const unnamed = upgradeEndpoint(old(defaulted) as unknown as SandboxEndpoint);
    expect(named).toMatchObject({
      type: "async",
      appNameGiven: true,
      state: { state: "creating" },
      config: { products: [{ id: "SL-serverless-7" }] },
    });
    expect(unnamed).toMatchObject({ type: "async", appNameGiven: false });
    // What the sandbox itself saved comes back unchanged.
    expect(upgradeEndpoint(JSON.parse(JSON.stringify(defaulted)) as SandboxEndpoint)).toMatchObject({
      type: "sync",
      appNameGiven: false,
    });
  });
});
