import { describe, expect, it } from "vitest";
import { toCreateRequest, toUpdateRequest } from "@/lib/novita/mapping";
import { SANDBOX_LIKE_LIMITS } from "@/tests/support/limits";
import {
  endpointFormSchema,
  formFieldOfWireField,
  formToSpec,
  specToForm,
  stepOfField,
  type EndpointForm,
} from "./form";
import { draftFromTemplate } from "./templates";

const LIMITS = SANDBOX_LIKE_LIMITS;
const PRODUCTS = [
  { id: "rtx", name: "RTX 4090 24GB" },
  { id: "h100", name: "H100 SXM 80GB" },
];

const schema = endpointFormSchema(LIMITS);

function comfyDraft(overrides: Partial<EndpointForm> = {}): EndpointForm {
  return {
    ...draftFromTemplate("comfyui", { limits: LIMITS, productIds: PRODUCTS, name: "apple-painter" }),
    ...overrides,
  };
}

function errorsOf(form: EndpointForm): Record<string, string> {
  const result = schema.safeParse(form);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("the ComfyUI template", () => {
  it("drafts a valid endpoint: RTX 4090, one job per worker, the ComfyUI worker image", () => {
    const draft = comfyDraft();
    expect(errorsOf(draft)).toEqual({});
    expect(draft).toMatchObject({
      productId: "rtx",
      maxConcurrent: 1,
      image: "novitalabs/comfyui-worker:v0.0.1",
      minWorkers: 0,
    });
  });
});

describe("limits validation", () => {
  it.each<[Partial<EndpointForm>, string, RegExp]>([
    [{ port: 2222 }, "port", /reserved/],
    [{ port: 70000 }, "port", /1 to 65535/],
    [{ minWorkers: 3, maxWorkers: 2 }, "minWorkers", /cannot exceed/],
    [{ maxWorkers: 999 }, "maxWorkers", /at most 20/],
    [{ gpusPerWorker: 9 }, "gpusPerWorker", /at most 8/],
    [{ rootfsSizeGb: 5 }, "rootfsSizeGb", /at least 10 GB/],
    [{ idleTimeoutSeconds: Number.NaN }, "idleTimeoutSeconds", /whole number/],
    [{ policyType: "queue", policyValue: 0 }, "policyValue", /Queue wait must be from 1 to 3600 s/],
    [{ policyType: "concurrency", policyValue: 5000 }, "policyValue", /Queued requests must be from 1 to 1000/],
    [{ cudaVersion: "10.0" }, "cudaVersion", /12.4, 12.8/],
    [{ image: " " }, "image", /image address/],
    [{ name: "" }, "name", /Enter a name/],
    [{ appName: "My App" }, "appName", /lower-case/],
    [{ healthCheckPath: "health" }, "healthCheckPath", /Start the path with/],
    [{ networkStorageId: "ns-1", mountPath: "" }, "mountPath", /mount the storage/],
    [{ env: [{ key: "1BAD", value: "x" }] }, "env.0.key", /not a valid name/],
    [
      {
        env: [
          { key: "A", value: "1" },
          { key: "A", value: "2" },
        ],
      },
      "env.1.key",
      /already set in row 1/,
    ],
  ])("%j → error on %s", (change, field, message) => {
    const errors = errorsOf(comfyDraft(change));
    expect(errors[field]).toMatch(message);
  });

  it("ignores blank env rows (the editor keeps one to type in)", () => {
    expect(errorsOf(comfyDraft({ env: [{ key: "", value: "" }] }))).toEqual({});
  });
});

describe("form → v1 request body", () => {
  it("maps every field of the create request", () => {
    const form = comfyDraft({
      appName: "async",
      gpusPerWorker: 2,
      cudaVersion: "12.8",
      rootfsSizeGb: 120,
      minWorkers: 1,
      maxWorkers: 3,
      idleTimeoutSeconds: 90,
      maxConcurrent: 2,
      requestTimeoutSeconds: 600,
      policyType: "queue",
      policyValue: 5,
      registryAuthId: "auth-1",
      port: 8188,
      command: "python main.py",
      healthCheckPath: "/health",
      networkStorageId: "ns-1",
      mountPath: "/workspace/models",
      env: [
        { key: "HF_TOKEN", value: "hf_secret" },
        { key: "", value: "" },
        { key: "MODE", value: "fast" },
      ],
    });
    const spec = formToSpec(schema.parse(form), (id) => (id === "ns-1" ? "cluster-7" : undefined));
    expect(toCreateRequest(spec)).toEqual({
      endpoint: {
        name: "apple-painter",
        type: "async",
        appName: "async",
        workerConfig: {
          minNum: 1,
          maxNum: 3,
          freeTimeout: 90,
          maxConcurrent: 2,
          gpuNum: 2,
          requestTimeout: 600,
          cudaVersion: "12.8",
        },
        ports: [{ port: "8188" }],
        policy: { type: "queue", value: 5 },
        image: { image: "novitalabs/comfyui-worker:v0.0.1", authId: "auth-1", command: "python main.py" },
        products: [{ id: "rtx" }],
        rootfsSize: 120,
        volumeMounts: [{ type: "network", id: "ns-1", mountPath: "/workspace/models" }],
        clusterID: "cluster-7",
        envs: [
          { key: "HF_TOKEN", value: "hf_secret" },
          { key: "MODE", value: "fast" },
        ],
        healthy: { path: "/health" },
      },
    });
    // Update: unwrapped, full replace, no products / rootfsSize / appName.
    const update = toUpdateRequest("ep-1", spec);
    expect(update).toMatchObject({ id: "ep-1", name: "apple-painter", ports: [{ port: "8188" }] });
    expect(update).not.toHaveProperty("products");
    expect(update).not.toHaveProperty("rootfsSize");
  });

  it("sends empty optional parts as Novita shows them, and round-trips through specToForm", () => {
    const form = schema.parse(comfyDraft());
    const spec = formToSpec(form, () => undefined);
    expect(toCreateRequest(spec).endpoint).toMatchObject({
      image: { authId: "", command: "" },
      volumeMounts: [],
      clusterID: "",
      envs: [],
    });
    expect(toCreateRequest(spec).endpoint).not.toHaveProperty("healthy");
    expect(toCreateRequest(spec).endpoint.workerConfig).not.toHaveProperty("cudaVersion");
    expect(specToForm(spec, "comfyui")).toEqual(form);
  });
});

describe("where errors belong", () => {
  it("finds the wizard step of a field", () => {
    expect(stepOfField("port")).toBe("image");
    expect(stepOfField("env.3.key")).toBe("storage");
    expect(stepOfField("maxWorkers")).toBe("scaling");
    expect(stepOfField("somethingElse")).toBe("review");
  });

  it("maps Novita's field names onto the form", () => {
    expect(formFieldOfWireField("workerConfig.maxNum")).toBe("maxWorkers");
    expect(formFieldOfWireField("ports")).toBe("port");
    expect(formFieldOfWireField("envs.2.key")).toBe("env.2.key");
    expect(formFieldOfWireField("volumeMounts.0.id")).toBe("networkStorageId");
    expect(formFieldOfWireField(undefined)).toBeUndefined();
  });
});
