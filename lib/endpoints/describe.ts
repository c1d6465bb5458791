/** Plain sentences about an endpoint's scaling, for the wizard and the details page. Browser-safe. */

export interface ScalingSettings {
  minWorkers: number;
  maxWorkers: number;
  idleTimeoutSeconds: number;
  maxConcurrent: number;
  policyType: "queue" | "concurrency";
  policyValue: number;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function describeScaling(settings: ScalingSettings): string {
  const isAre = settings.policyValue === 1 ? "is" : "are";
  const trigger =
    settings.policyType === "queue"
      ? `When a request has waited ${plural(settings.policyValue, "second")}, a worker is added`
      : `When more than ${plural(settings.policyValue, "request")} ${isAre} queued, a worker is added`;
  const perWorker = `each worker runs up to ${plural(settings.maxConcurrent, "job")} at once`;
  const idle = `idle workers stop after ${plural(settings.idleTimeoutSeconds, "second")}`;
  const floor =
    settings.minWorkers > 0
      ? `, but ${plural(settings.minWorkers, "worker")} always stay${settings.minWorkers === 1 ? "s" : ""} up`
      : "";
  return `${trigger}, up to ${settings.maxWorkers}; ${perWorker}; ${idle}${floor}.`;
}

/** The warning that goes with the minimum: cold starts at 0, paying while idle above it. */
export function minWorkersWarning(
  minWorkers: number,
  costAtMinPerHour: string,
): { tone: "info" | "warning"; text: string } {
  if (minWorkers === 0) {
    return {
      tone: "info",
      text:
        "With 0 minimum workers nothing runs while idle and nothing is billed, but the first job after a quiet spell " +
        "waits for a cold start (image pull and model load can take minutes).",
    };
  }
  return {
    tone: "warning",
    text:
      `${plural(minWorkers, "worker")} will run all the time: ` +
      `you pay ${costAtMinPerHour} per hour even when no job is sent.`,
  };
}
