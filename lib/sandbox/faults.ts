/**
 * Faults on demand, for tests: the next N calls of an operation answer 500, 429 with Retry-After, a refusal of
 * the test's choosing (`refuse`: any 4xx/5xx status with a reason, e.g. 400 BALANCE_NOT_ENOUGH), hang past any
 * client timeout, have their connection dropped (before the call does anything, or after it did its work and
 * before the answer: `lose_answer`). A fault may also strike each call with a `probability`, pick its mode per call
 * among `modes` (`mix`), and last `forMs` instead of a count: a flaky or an unreachable upstream.
 * Set through POST /_sandbox/faults (see docs/sandbox.md).
 */
import { z } from "zod";

export const SANDBOX_OPERATIONS = [
  "endpoints.list",
  "endpoints.get",
  "endpoints.create",
  "endpoints.update",
  "endpoints.delete",
  "endpoints.limit",
  "registry.list",
  "registry.save",
  "registry.delete",
  "storages.list",
  "products.list",
  "products.v2",
  "jobs.run",
  "jobs.status",
  "jobs.cancel",
  "jobs.health",
  "jobs.stats",
] as const;
export type SandboxOperation = (typeof SANDBOX_OPERATIONS)[number];

export const operationSchema = z.union([z.enum(SANDBOX_OPERATIONS), z.literal("*")]);

const SINGLE_MODES = ["error500", "rate_limit", "hang", "slow", "drop", "lose_answer", "refuse"] as const;
export type FaultMode = (typeof SINGLE_MODES)[number];
/** What `mix` picks among when `modes` is not given: a flaky upstream's usual failures. */
export const MIX_DEFAULT_MODES: FaultMode[] = ["error500", "drop", "hang", "rate_limit"];

export const faultSchema = z
  .object({
    operation: operationSchema,
    /** `lose_answer`: the call does its work (a run queues the job), then the connection drops before the answer. */
    /** `slow`: the call waits `hangMs`, then goes on as usual (a slow upstream, for crash tests to land mid-send). */
    /** `mix`: each call that the fault strikes fails in one of `modes`, picked at random. */
    mode: z.enum([...SINGLE_MODES, "mix"]),
    /** Calls it strikes; default 1, or no limit when `forMs` or `probability` is given. */
    count: z.number().int().min(1).max(1_000_000).optional(),
    /** Each matching call is struck with this probability (default 1: every call). */
    probability: z.number().min(0).max(1).default(1),
    /** The fault ends this long after it was set (or when its count runs out, or when cleared). */
    forMs: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600 * 1000)
      .optional(),
    modes: z.array(z.enum(SINGLE_MODES)).min(1).max(SINGLE_MODES.length).optional(),
    retryAfterSeconds: z.number().min(0).max(3600).default(1),
    hangMs: z.number().int().min(1).max(600_000).default(60_000),
    /** `refuse` only: the HTTP status, and the `reason` and `message` of the error body. */
    status: z.number().int().min(400).max(599).optional(),
    reason: z.string().min(1).max(200).optional(),
    message: z.string().max(2000).optional(),
  })
  .superRefine((fault, context) => {
    if (fault.modes && fault.mode !== "mix")
      context.addIssue({ code: "custom", path: ["modes"], message: 'modes goes with mode "mix"' });
    if (fault.mode !== "refuse" && !fault.modes?.includes("refuse")) return;
    if (fault.status === undefined)
      context.addIssue({ code: "custom", path: ["status"], message: "refuse needs a status (400–599)" });
    if (fault.reason === undefined)
      context.addIssue({ code: "custom", path: ["reason"], message: "refuse needs a reason, e.g. BALANCE_NOT_ENOUGH" });
  });
export type FaultInput = z.output<typeof faultSchema>;
/** A fault as kept: `count` is what is left (undefined: no limit), `until` when it ends (epoch ms). */
export type Fault = Omit<FaultInput, "count"> & { count: number | undefined; until: number | undefined };
/** The fault that strikes one call: its mode resolved (never `mix`). */
export type StruckFault = Omit<Fault, "mode"> & { mode: FaultMode };

export class FaultInjector {
  private faults: Fault[] = [];
  /** Faults that struck, per operation and mode, since start or the last reset (`GET /_sandbox/state`). */
  readonly struck: Partial<Record<SandboxOperation, Partial<Record<FaultMode, number>>>> = {};

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  add(input: FaultInput): void {
    const open = input.forMs !== undefined || input.probability < 1;
    this.faults.push({
      ...input,
      count: input.count ?? (open ? undefined : 1),
      until: input.forMs === undefined ? undefined : this.now() + input.forMs,
    });
  }

  /** The fault that strikes this call, if any, consuming one of its remaining uses. */
  take(operation: SandboxOperation): StruckFault | undefined {
    this.dropEnded();
    for (const fault of this.faults) {
      if (fault.operation !== operation && fault.operation !== "*") continue;
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      if (fault.count !== undefined) {
        fault.count -= 1;
        if (fault.count <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
      }
      const modes = fault.modes ?? MIX_DEFAULT_MODES;
      const mode = fault.mode === "mix" ? modes[Math.floor(this.random() * modes.length)]! : fault.mode;
      const counts = (this.struck[operation] ??= {});
      counts[mode] = (counts[mode] ?? 0) + 1;
      return { ...fault, mode };
    }
    return undefined;
  }

  clear(): void {
    this.faults = [];
  }

  /** Forgets the faults and the counts of those that struck. */
  reset(): void {
    this.clear();
    for (const operation of Object.keys(this.struck)) delete this.struck[operation as SandboxOperation];
  }

  list(): Fault[] {
    this.dropEnded();
    return this.faults.map((fault) => ({ ...fault }));
  }

  private dropEnded() {
    const now = this.now();
    if (this.faults.some((fault) => fault.until !== undefined && fault.until <= now))
      this.faults = this.faults.filter((fault) => fault.until === undefined || fault.until > now);
  }
}
