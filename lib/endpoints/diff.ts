/** What an edit changes, field by field, before it is saved (Update replaces the whole config). Browser-safe. */
import type { EndpointForm } from "./form";
import { isSecretName } from "./env";

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const LABELS: Partial<Record<keyof EndpointForm, string>> = {
  name: "Name",
  minWorkers: "Min workers",
  maxWorkers: "Max workers",
  idleTimeoutSeconds: "Idle timeout (s)",
  maxConcurrent: "Max concurrent per worker",
  requestTimeoutSeconds: "Request timeout (s)",
  gpusPerWorker: "GPUs per worker",
  cudaVersion: "CUDA version",
  policyType: "Scaling policy",
  policyValue: "Scaling threshold",
  image: "Image",
  registryAuthId: "Registry credential",
  port: "HTTP port",
  command: "Start command",
  healthCheckPath: "Health-check path",
  networkStorageId: "Cloud storage",
  mountPath: "Mount path",
};

const shown = (value: unknown) => (value === "" || value === undefined ? "—" : String(value));

export function diffEndpointForms(before: EndpointForm, after: EndpointForm): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, label] of Object.entries(LABELS) as [keyof EndpointForm, string][]) {
    if (before[field] !== after[field])
      changes.push({ field, label, before: shown(before[field]), after: shown(after[field]) });
  }
  const beforeEnv = new Map(before.env.map((row) => [row.key, row.value]));
  const afterEnv = new Map(after.env.filter((row) => row.key !== "").map((row) => [row.key, row.value]));
  const mask = (key: string, value: string | undefined) =>
    value === undefined ? "—" : isSecretName(key) ? "••••••" : value || "(empty)";
  for (const key of new Set([...beforeEnv.keys(), ...afterEnv.keys()])) {
    if (beforeEnv.get(key) === afterEnv.get(key)) continue;
    changes.push({
      field: `env.${key}`,
      label: `Env ${key}`,
      before: mask(key, beforeEnv.get(key)),
      after: mask(key, afterEnv.get(key)),
    });
  }
  return changes;
}
