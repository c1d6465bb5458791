/**
 * The endpoint form: one zod schema, built from Novita's `/endpoint/limit`, shared by the create wizard, the
 * settings editor (react-hook-form resolver), the server actions and the tests. Browser-safe.
 */
import "@/lib/utils/zod-jitless";
import { z } from "zod";
import type { NovitaError } from "@/lib/novita/errors";
import type { EndpointLimits, EndpointSpec } from "@/lib/novita/types";
import { findEnvProblems } from "./env";

export const RESERVED_PORTS = [2222, 2223, 2224];

export const TEMPLATE_IDS = ["comfyui", "sleep", "custom"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

const whole = (label: string) =>
  z.number({ message: `Enter ${label} as a whole number.` }).int(`Enter ${label} as a whole number.`);

function between(label: string, bounds: { min: number; max: number }, unit = "") {
  const suffix = unit ? ` ${unit}` : "";
  return whole(label)
    .min(bounds.min, `${capitalise(label)} must be at least ${bounds.min}${suffix} (Novita's limit).`)
    .max(bounds.max, `${capitalise(label)} must be at most ${bounds.max}${suffix} (Novita's limit).`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const envRow = z.object({ key: z.string().trim(), value: z.string() });

/** Everything the wizard asks for, in the words of the form (not of the API). */
export function endpointFormSchema(limits: EndpointLimits) {
  return z
    .object({
      template: z.enum(TEMPLATE_IDS),
      name: z.string().trim().min(1, "Enter a name.").max(220, "Use at most 220 characters."),
      appName: z
        .string()
        .trim()
        .max(63, "Use at most 63 characters.")
        .regex(/^[a-z0-9-]*$/, "Use lower-case letters, digits and hyphens only."),
      productId: z.string().min(1, "Choose a GPU type."),
      gpusPerWorker: between("GPUs per worker", limits.gpusPerWorker),
      cudaVersion: z.string().refine((value) => value === "" || limits.cudaVersions.includes(value), {
        message: `Choose one of ${limits.cudaVersions.join(", ")}.`,
      }),
      rootfsSizeGb: between("system disk", limits.rootfsSizeGb, "GB"),
      minWorkers: between("minimum workers", limits.workers),
      maxWorkers: between("maximum workers", { min: Math.max(1, limits.workers.min), max: limits.workers.max }),
      idleTimeoutSeconds: between("idle timeout", limits.idleTimeoutSeconds, "s"),
      maxConcurrent: between("max concurrent requests per worker", limits.maxConcurrent),
      requestTimeoutSeconds: between("request timeout", limits.requestTimeoutSeconds, "s"),
      policyType: z.enum(["queue", "concurrency"]),
      policyValue: whole("the scaling threshold"),
      image: z
        .string()
        .trim()
        .min(1, "Enter the image address, e.g. novitalabs/comfyui-worker:v0.0.1.")
        .max(511, "Use at most 511 characters."),
      registryAuthId: z.string(),
      port: whole("the port")
        .min(1, "Use a port from 1 to 65535.")
        .max(65535, "Use a port from 1 to 65535.")
        .refine((port) => !RESERVED_PORTS.includes(port), "Ports 2222, 2223 and 2224 are reserved by Novita."),
      command: z.string().max(2047, "Use at most 2047 characters."),
      healthCheckPath: z
        .string()
        .trim()
        .refine((path) => path === "" || path.startsWith("/"), "Start the path with /."),
      networkStorageId: z.string(),
      mountPath: z.string().trim(),
      env: z.array(envRow),
    })
    .superRefine((form, ctx) => {
      if (form.minWorkers > form.maxWorkers) {
        ctx.addIssue({
          code: "custom",
          path: ["minWorkers"],
          message: `Minimum workers (${form.minWorkers}) cannot exceed maximum workers (${form.maxWorkers}).`,
        });
      }
      const bounds = form.policyType === "queue" ? limits.queueWaitSeconds : limits.queuedRequests;
      if (form.policyValue < bounds.min || form.policyValue > bounds.max) {
        const what = form.policyType === "queue" ? "Queue wait" : "Queued requests";
        const unit = form.policyType === "queue" ? " s" : "";
        ctx.addIssue({
          code: "custom",
          path: ["policyValue"],
          message: `${what} must be from ${bounds.min} to ${bounds.max}${unit} (Novita's limit).`,
        });
      }
      if (form.networkStorageId && !form.mountPath.startsWith("/")) {
        ctx.addIssue({
          code: "custom",
          path: ["mountPath"],
          message: "Enter where to mount the storage, e.g. /workspace/models.",
        });
      }
      for (const problem of findEnvProblems(form.env)) {
        ctx.addIssue({ code: "custom", path: ["env", problem.index, "key"], message: problem.message });
      }
    });
}

export type EndpointForm = z.infer<ReturnType<typeof endpointFormSchema>>;

/** Which wizard step owns each field: errors (ours or Novita's) are shown on that step. */
export const WIZARD_STEPS = [
  { id: "start", title: "Start from", fields: ["template", "name", "appName"] },
  { id: "hardware", title: "Hardware", fields: ["productId", "gpusPerWorker", "cudaVersion", "rootfsSizeGb"] },
  {
    id: "scaling",
    title: "Scaling",
    fields: [
      "minWorkers",
      "maxWorkers",
      "idleTimeoutSeconds",
      "maxConcurrent",
      "requestTimeoutSeconds",
      "policyType",
      "policyValue",
    ],
  },
  { id: "image", title: "Image", fields: ["image", "registryAuthId", "port", "command", "healthCheckPath"] },
  { id: "storage", title: "Storage & environment", fields: ["networkStorageId", "mountPath", "env"] },
  { id: "review", title: "Review", fields: [] },
] as const satisfies readonly { id: string; title: string; fields: readonly (keyof EndpointForm)[] }[];

export type WizardStepId = (typeof WIZARD_STEPS)[number]["id"];

export function stepOfField(field: string): WizardStepId {
  const root = field.split(".")[0];
  return WIZARD_STEPS.find((step) => (step.fields as readonly string[]).includes(root ?? ""))?.id ?? "review";
}

/** Novita's error fields (`workerConfig.maxNum`, `ports`, `envs.0.key` …) in the form's words. */
const WIRE_FIELD_TO_FORM: Record<string, string> = {
  name: "name",
  appName: "appName",
  "workerConfig.minNum": "minWorkers",
  "workerConfig.maxNum": "maxWorkers",
  "workerConfig.freeTimeout": "idleTimeoutSeconds",
  "workerConfig.maxConcurrent": "maxConcurrent",
  "workerConfig.gpuNum": "gpusPerWorker",
  "workerConfig.requestTimeout": "requestTimeoutSeconds",
  "workerConfig.cudaVersion": "cudaVersion",
  ports: "port",
  "policy.value": "policyValue",
  "policy.type": "policyType",
  "image.image": "image",
  "image.authId": "registryAuthId",
  "image.command": "command",
  products: "productId",
  rootfsSize: "rootfsSizeGb",
  clusterID: "networkStorageId",
  "healthy.path": "healthCheckPath",
};

export function formFieldOfWireField(wireField: string | undefined): string | undefined {
  if (!wireField) return undefined;
  if (WIRE_FIELD_TO_FORM[wireField]) return WIRE_FIELD_TO_FORM[wireField];
  const env = /^envs\.(\d+)\.key$/.exec(wireField);
  if (env) return `env.${env[1]}.key`;
  if (wireField.startsWith("volumeMounts")) return "networkStorageId";
  return undefined;
}

/**
 * A failed Novita call as a form shows it: Novita's words, on the field it blamed when it named one. Every action and
 * route maps a NovitaError through this once (lib/api/errors.ts).
 */
export function describeNovitaFailure(error: NovitaError): { message: string; fields?: Record<string, string> } {
  const field = formFieldOfWireField(error.field);
  const said = error.upstreamMessage ? `Novita refused it: ${error.upstreamMessage}` : error.userMessage;
  // A plain validation refusal is best told in Novita's words; the others (not found, billing, app name taken,
  // wait and retry) carry advice of their own. Without Novita's own words the user message already names the reason.
  const message =
    error.kind === "invalid"
      ? `${said}${error.reason && error.upstreamMessage ? ` (${error.reason})` : ""}`
      : error.userMessage;
  return field ? { message, fields: { [field]: error.kind === "invalid" ? said : error.userMessage } } : { message };
}

/** Form → the API's endpoint spec. The cluster of a mounted network storage is looked up by the caller. */
export function formToSpec(
  form: EndpointForm,
  clusterIdOfStorage: (storageId: string) => string | undefined,
): EndpointSpec {
  return {
    name: form.name.trim(),
    appName: form.appName.trim(),
    workers: {
      min: form.minWorkers,
      max: form.maxWorkers,
      idleTimeoutSeconds: form.idleTimeoutSeconds,
      maxConcurrent: form.maxConcurrent,
      gpusPerWorker: form.gpusPerWorker,
      requestTimeoutSeconds: form.requestTimeoutSeconds,
    },
    port: form.port,
    policy: { type: form.policyType, value: form.policyValue },
    image: {
      image: form.image.trim(),
      registryAuthId: form.registryAuthId || undefined,
      command: form.command.trim() || undefined,
    },
    cudaVersion: form.cudaVersion || undefined,
    productId: form.productId,
    rootfsSizeGb: form.rootfsSizeGb,
    volumeMounts: form.networkStorageId
      ? [{ type: "network", id: form.networkStorageId, sizeGb: undefined, mountPath: form.mountPath.trim() }]
      : [],
    clusterId: form.networkStorageId ? clusterIdOfStorage(form.networkStorageId) : undefined,
    env: form.env
      .filter((row) => row.key !== "" || row.value !== "")
      .map((row) => ({ key: row.key.trim(), value: row.value })),
    healthCheckPath: form.healthCheckPath.trim() || undefined,
  };
}

/** An existing endpoint's spec in the form's words (the settings editor starts from it). */
export function specToForm(spec: EndpointSpec, template: TemplateId = "custom"): EndpointForm {
  const network = spec.volumeMounts.find((mount) => mount.type === "network");
  return {
    template,
    name: spec.name,
    appName: spec.appName,
    productId: spec.productId,
    gpusPerWorker: spec.workers.gpusPerWorker,
    cudaVersion: spec.cudaVersion ?? "",
    rootfsSizeGb: spec.rootfsSizeGb,
    minWorkers: spec.workers.min,
    maxWorkers: spec.workers.max,
    idleTimeoutSeconds: spec.workers.idleTimeoutSeconds,
    maxConcurrent: spec.workers.maxConcurrent,
    requestTimeoutSeconds: spec.workers.requestTimeoutSeconds,
    policyType: spec.policy.type,
    policyValue: spec.policy.value,
    image: spec.image.image,
    registryAuthId: spec.image.registryAuthId ?? "",
    port: spec.port,
    command: spec.image.command ?? "",
    healthCheckPath: spec.healthCheckPath ?? "",
    networkStorageId: network?.id ?? "",
    mountPath: network?.mountPath ?? "",
    env: spec.env.map((row) => ({ ...row })),
  };
}
