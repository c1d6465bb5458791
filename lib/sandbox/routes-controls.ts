/** Test controls under /_sandbox (same key): faults, quirks, forced endpoint states, paused workers, reset, state. */
import { z } from "zod";
import { ENDPOINT_STATES } from "./engine";
import { faultSchema } from "./faults";
import { MAX_MANAGEMENT_BODY_BYTES, parseBody, type Route, type SandboxContext } from "./http";
import { quirksSchema } from "./quirks";
import { requireEndpoint } from "./routes-management";

const endpointStateSchema = z
  .object({
    endpointId: z.string().min(1),
    state: z.enum(ENDPOINT_STATES),
    error: z.string().max(200).default(""),
    message: z.string().max(2000).default(""),
    forMs: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600 * 1000)
      .optional(),
  })
  .strict();

const unreachableSchema = z
  .object({
    forMs: z
      .number()
      .int()
      .min(1)
      .max(3600 * 1000),
  })
  .strict();

export function controlRoutes(context: SandboxContext): Route[] {
  const { engine, faults, quirks } = context;
  const control = (method: string, path: string, handle: Route["handle"]): Route => ({
    method,
    pattern: new RegExp(`^/_sandbox/${path}$`),
    operation: undefined,
    bodyLimit: method === "GET" || method === "DELETE" ? 0 : MAX_MANAGEMENT_BODY_BYTES,
    handle,
  });

  return [
    control("POST", "faults", async ({ body }) => {
      faults.add(parseBody(faultSchema, await body()));
      return { faults: faults.list() };
    }),
    control("DELETE", "faults", () => (faults.clear(), { faults: [] })),
    control("POST", "unreachable", async ({ body }) => {
      const { forMs } = parseBody(unreachableSchema, await body());
      return { refusingUntil: new Date(context.refuseConnectionsFor(forMs).until).toISOString() };
    }),
    control("GET", "quirks", () => ({ quirks: quirks.current() })),
    control("POST", "quirks", async ({ body }) => ({ quirks: quirks.merge(parseBody(quirksSchema, await body())) })),
    control("DELETE", "quirks", () => ({ quirks: quirks.clear() })),
    control("POST", "endpoint-state", async ({ body }) => {
      const input = parseBody(endpointStateSchema, await body());
      const endpoint = requireEndpoint(context, input.endpointId);
      engine.forceState(endpoint.id, { state: input.state, error: input.error, message: input.message }, input.forMs);
      return { endpointId: endpoint.id, state: engine.stateOf(endpoint), until: endpoint.forcedState?.until ?? null };
    }),
    control("POST", "workers/(pause|resume)", async ({ params, body }) => {
      const { endpointId } = parseBody(z.object({ endpointId: z.string().optional() }).default({}), await body());
      if (endpointId) requireEndpoint(context, endpointId);
      if (params[0] === "pause") engine.pause(endpointId);
      else engine.resume(endpointId);
      return { paused: params[0] === "pause", endpointId: endpointId ?? "*" };
    }),
    control("POST", "reset", () => {
      engine.reset();
      context.statusCalls.clear();
      faults.reset();
      quirks.clear();
      context.credentials.length = 0;
      context.saveSoon();
      return { reset: true };
    }),
    control("GET", "state", () => ({
      endpoints: engine.endpoints.size,
      jobs: engine.jobs.size,
      workers: engine.workers.size,
      faults: faults.list(),
      quirks: quirks.current(),
      requests: context.requestCounts,
      /** Faults that struck, per operation and mode (a `mix` counted under the mode it picked). */
      struck: faults.struck,
    })),
    // The jobs an endpoint received, newest first (`limit`, default 100): what Novita's console lists for a person
    // looking for one; `finishedAt` (epoch ms) lets benchmarks measure how late the console learnt of the end.
    control("GET", "jobs", ({ url }) => {
      const endpointId = url.searchParams.get("endpoint");
      return [...engine.jobs.values()]
        .filter((job) => !endpointId || job.endpointId === endpointId)
        .sort((a, b) => b.submittedAt - a.submittedAt)
        .slice(0, Math.min(Math.max(Number(url.searchParams.get("limit")) || 100, 1), 10_000))
        .map((job) => ({
          id: job.id,
          endpointId: job.endpointId,
          status: job.status,
          input: job.input,
          finishedAt: job.finishedAt ?? null,
        }));
    }),
    // Per job: status calls answered and the shortest gap between two (jobs never asked about are left out).
    control("GET", "status-calls", () => Object.fromEntries(context.statusCalls)),
  ];
}
