/** What the wizard's first step offers to start from. Browser-safe. */
import type { EndpointLimits } from "@/lib/novita/types";
import type { EndpointForm, TemplateId } from "./form";

export interface EndpointTemplate {
  id: TemplateId;
  title: string;
  description: string;
  image: string;
  /** Suggest the object-storage env vars (the ComfyUI worker returns URLs when they are set). */
  suggestsObjectStorage: boolean;
}

export const ENDPOINT_TEMPLATES: EndpointTemplate[] = [
  {
    id: "comfyui",
    title: "ComfyUI worker",
    description: "Runs ComfyUI workflows (API format) and returns images and videos. RTX 4090, one job per worker.",
    image: "novitalabs/comfyui-worker:v0.0.1",
    suggestsObjectStorage: true,
  },
  {
    id: "sleep",
    title: "Sleep worker",
    description: "Sleeps for the seconds it is sent and answers JSON: a cheap way to try queues and scaling.",
    image: "novitalabs/sleep-worker:v0.0.1",
    suggestsObjectStorage: false,
  },
  {
    id: "custom",
    title: "Custom image",
    description: "Your own worker image, public or from a private registry.",
    image: "",
    suggestsObjectStorage: false,
  },
];

const ADJECTIVES = [
  "amber",
  "brisk",
  "calm",
  "deft",
  "eager",
  "fleet",
  "golden",
  "hardy",
  "keen",
  "lucid",
  "mellow",
  "nimble",
  "quiet",
  "swift",
  "vivid",
];
const NOUNS = [
  "falcon",
  "harbor",
  "lantern",
  "meadow",
  "otter",
  "pine",
  "quartz",
  "river",
  "summit",
  "tide",
  "willow",
  "zephyr",
];

/** A random default name, as Novita's console proposes one. */
export function randomEndpointName(random: () => number = Math.random): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(random() * 9000 + 1000)}`;
}

/** A complete first draft for a template, inside the account's limits. */
export function draftFromTemplate(
  template: TemplateId,
  options: { limits: EndpointLimits; productIds: { id: string; name: string }[]; name?: string },
): EndpointForm {
  const { limits } = options;
  const clamp = (value: number, bounds: { min: number; max: number }) =>
    Math.min(bounds.max, Math.max(bounds.min, value));
  const rtx4090 = options.productIds.find((product) => product.name.includes("4090")) ?? options.productIds[0];
  const chosen = ENDPOINT_TEMPLATES.find((candidate) => candidate.id === template)!;
  return {
    template,
    name: options.name ?? randomEndpointName(),
    appName: "",
    productId: rtx4090?.id ?? "",
    gpusPerWorker: clamp(1, limits.gpusPerWorker),
    cudaVersion: "",
    rootfsSizeGb: clamp(limits.rootfsSizeGb.free || 100, limits.rootfsSizeGb),
    minWorkers: clamp(0, limits.workers),
    maxWorkers: clamp(template === "comfyui" ? 2 : 3, {
      min: Math.max(1, limits.workers.min),
      max: limits.workers.max,
    }),
    idleTimeoutSeconds: clamp(60, limits.idleTimeoutSeconds),
    maxConcurrent: clamp(1, limits.maxConcurrent),
    requestTimeoutSeconds: clamp(template === "comfyui" ? 900 : 300, limits.requestTimeoutSeconds),
    policyType: template === "comfyui" ? "concurrency" : "queue",
    policyValue: template === "comfyui" ? clamp(1, limits.queuedRequests) : clamp(5, limits.queueWaitSeconds),
    image: chosen.image,
    registryAuthId: "",
    port: template === "comfyui" ? 8188 : 8080,
    command: "",
    healthCheckPath: "",
    networkStorageId: "",
    mountPath: "",
    env: [],
  };
}
