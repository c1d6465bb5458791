/** What the Review step shows: every choice grouped by step, the cost, and the exact create request. Browser-safe. */
import { costPerHour } from "@/lib/endpoints/cost";
import { isSecretName } from "@/lib/endpoints/env";
import { formToSpec, type EndpointForm, type WizardStepId } from "@/lib/endpoints/form";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { ENDPOINT_TEMPLATES } from "@/lib/endpoints/templates";
import { toCreateRequest } from "@/lib/novita/mapping";

export const REDACTED = "••••••";

export interface ReviewGroup {
  step: WizardStepId;
  rows: { label: string; value: string }[];
}

const orNone = (value: string, none: string) => (value.trim() === "" ? none : value.trim());

export function reviewGroups(values: EndpointForm, options: EndpointOptions): ReviewGroup[] {
  const product = options.products.find((candidate) => candidate.id === values.productId);
  const credential = options.credentials.find((candidate) => candidate.id === values.registryAuthId);
  const storage = options.storages.find((candidate) => candidate.id === values.networkStorageId);
  const env = values.env.filter((row) => row.key.trim() !== "" || row.value !== "");
  return [
    {
      step: "start",
      rows: [
        {
          label: "Template",
          value: ENDPOINT_TEMPLATES.find((template) => template.id === values.template)?.title ?? values.template,
        },
        { label: "Name", value: values.name },
        { label: "App name", value: orNone(values.appName, "— (the endpoint id is used)") },
        { label: "Type", value: "Async" },
      ],
    },
    {
      step: "hardware",
      rows: [
        { label: "GPU type", value: product?.name ?? values.productId },
        { label: "GPUs per worker", value: String(values.gpusPerWorker) },
        { label: "CUDA version", value: values.cudaVersion || "Automatic" },
        { label: "System disk", value: `${values.rootfsSizeGb} GB` },
      ],
    },
    {
      step: "scaling",
      rows: [
        { label: "Workers", value: `${values.minWorkers} to ${values.maxWorkers}` },
        { label: "Idle timeout", value: `${values.idleTimeoutSeconds} s` },
        { label: "Max concurrent per worker", value: String(values.maxConcurrent) },
        { label: "Request timeout", value: `${values.requestTimeoutSeconds} s` },
        {
          label: "Elastic policy",
          value:
            values.policyType === "queue"
              ? `Queue wait: ${values.policyValue} s`
              : `Queued requests: more than ${values.policyValue}`,
        },
      ],
    },
    {
      step: "image",
      rows: [
        { label: "Image", value: values.image },
        {
          label: "Registry credential",
          value: credential ? credential.name : values.registryAuthId || "None (public image)",
        },
        { label: "HTTP port", value: String(values.port) },
        { label: "Start command", value: orNone(values.command, "The image's own") },
        { label: "Health-check path", value: orNone(values.healthCheckPath, "—") },
      ],
    },
    {
      step: "storage",
      rows: [
        {
          label: "Cloud storage",
          value: values.networkStorageId
            ? `${storage?.name ?? values.networkStorageId} at ${values.mountPath}`
            : "None",
        },
        ...(env.length === 0
          ? [{ label: "Environment", value: "No variables" }]
          : env.map((row) => ({
              label: row.key,
              value: isSecretName(row.key) && row.value ? REDACTED : row.value || "(empty)",
            }))),
      ],
    },
  ];
}

/** USD per hour with the minimum and with the maximum number of workers; undefined when the GPU is unknown. */
export function costRange(
  values: EndpointForm,
  options: EndpointOptions,
): { atMin: number; atMax: number } | undefined {
  const price = options.products.find((product) => product.id === values.productId)?.pricePerHourUsd;
  if (price === undefined) return undefined;
  return {
    atMin: costPerHour(price, values.gpusPerWorker, values.minWorkers),
    atMax: costPerHour(price, values.gpusPerWorker, values.maxWorkers),
  };
}

/** The body of `POST /endpoint/create` exactly as the server will send it, with secret values blanked out. */
export function createRequestPreview(values: EndpointForm, options: EndpointOptions): string {
  const spec = formToSpec(
    values,
    (storageId) => options.storages.find((storage) => storage.id === storageId)?.clusterId,
  );
  const request = toCreateRequest(spec);
  const envs = request.endpoint.envs.map((row) =>
    isSecretName(row.key) && row.value ? { ...row, value: REDACTED } : row,
  );
  return JSON.stringify({ endpoint: { ...request.endpoint, envs } }, null, 2);
}
