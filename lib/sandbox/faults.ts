/**
 * Faults on demand, for tests: the next N calls of an operation answer 500, 429 with Retry-After, a refusal of
 * the test's choosing (`refuse`: any 4xx/5xx status with a reason, e.g. 400 BALANCE_NOT_ENOUGH), hang past any
 * client timeout, have their connection dropped (before the call does anything, or after it did its work and
 * before the answer: `lose_answer`). Set through POST /_sandbox/faults (see docs/sandbox.md).
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

export const faultSchema = z
  .object({
    operation: operationSchema,
    /** `lose_answer`: the call does its work (a run queues the job), then the connection drops before the answer. */
    /** `slow`: the call waits `hangMs`, then goes on as usual (a slow upstream, for crash tests to land mid-send). */
    mode: z.enum(["error500", "rate_limit", "hang", "slow", "drop", "lose_answer", "refuse"]),
    count: z.number().int().min(1).max(10_000).default(1),
    retryAfterSeconds: z.number().min(0).max(3600).default(1),
    hangMs: z.number().int().min(1).max(600_000).default(60_000),
    /** `refuse` only: the HTTP status, and the `reason` and `message` of the error body. */
    status: z.number().int().min(400).max(599).optional(),
    reason: z.string().min(1).max(200).optional(),
    message: z.string().max(2000).optional(),
  })
  .superRefine((fault, context) => {
    if (fault.mode !== "refuse") return;
    if (fault.status === undefined)
      context.addIssue({ code: "custom", path: ["status"], message: "refuse needs a status (400–599)" });
    if (fault.reason === undefined)
      context.addIssue({ code: "custom", path: ["reason"], message: "refuse needs a reason, e.g. BALANCE_NOT_ENOUGH" });
  });
export type Fault = z.output<typeof faultSchema>;

export class FaultInjector {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** The fault that applies to this call, consuming one of its remaining uses. */
  take(operation: SandboxOperation): Fault | undefined {
    const fault = this.faults.find((candidate) => candidate.operation === operation || candidate.operation === "*");
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }
}
