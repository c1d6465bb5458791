import { describe, expect, it } from "vitest";
import { draftFromTemplate } from "@/lib/endpoints/templates";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { restoreWizardDraft } from "@/lib/hooks/use-wizard-draft";
import { SANDBOX_LIKE_LIMITS } from "@/tests/support/limits";
import { REDACTED, costRange, createRequestPreview, reviewGroups } from "./review-summary";

const options: EndpointOptions = {
  limits: { ...SANDBOX_LIKE_LIMITS, localVolumeSizeGb: { min: 1, max: 10, free: 1 }, cudaVersions: ["11.8", "12.4"] },
  products: [
    { id: "rtx", name: "RTX 4090 24GB", pricePerHourUsd: 0.69, available: true },
    { id: "h100", name: "H100 SXM 80GB", pricePerHourUsd: 2.89, available: true },
    { id: "SL-priceless", name: "RTX 5090 32GB", pricePerHourUsd: undefined, available: true },
  ],
  catalog: { source: "serverless", notice: undefined },
  credentials: [{ id: "cred-1", name: "dockerhub", username: "bot" }],
  storages: [{ id: "ns-1", name: "models", sizeGb: 200, clusterId: "cluster-1" }],
};

const form = {
  ...draftFromTemplate("comfyui", { limits: options.limits, productIds: options.products, name: "amber-otter-1234" }),
  productId: "h100",
  gpusPerWorker: 2,
  minWorkers: 1,
  maxWorkers: 3,
  registryAuthId: "cred-1",
  networkStorageId: "ns-1",
  mountPath: "/workspace/models",
  env: [
    { key: "HF_TOKEN", value: "hf_real" },
    { key: "MODEL", value: "sdxl" },
    { key: "", value: "" },
  ],
};

describe("review summary", () => {
  it("names the GPU, credential and storage instead of their ids, and hides secret values", () => {
    const rows = Object.fromEntries(
      reviewGroups(form, options).flatMap((group) => group.rows.map((row) => [row.label, row.value])),
    );
    expect(rows).toMatchObject({
      "GPU type": "H100 SXM 80GB",
      "Registry credential": "dockerhub",
      "Cloud storage": "models at /workspace/models",
      HF_TOKEN: REDACTED,
      MODEL: "sdxl",
      Workers: "1 to 3",
      Type: "Async",
    });
  });

  it("prices the endpoint at min and max workers", () => {
    expect(costRange(form, options)).toEqual({ atMin: 2.89 * 2, atMax: 2.89 * 2 * 3 });
    expect(costRange({ ...form, productId: "gone" }, options)).toBeUndefined();
    expect(costRange({ ...form, productId: "SL-priceless" }, options)).toBeUndefined();
  });

  it("shows the exact create request, with the storage's cluster and secret values redacted", () => {
    const request = JSON.parse(createRequestPreview(form, options));
    expect(request.endpoint.envs).toEqual([
      { key: "HF_TOKEN", value: REDACTED },
      { key: "MODEL", value: "sdxl" },
    ]);
    expect(request.endpoint).toMatchObject({
      name: "amber-otter-1234",
      products: [{ id: "h100" }],
      clusterID: "cluster-1",
      image: { authId: "cred-1" },
      workerConfig: { minNum: 1, maxNum: 3, gpuNum: 2 },
    });
    expect(JSON.stringify(request)).not.toContain("hf_real");
  });
});

describe("restoring a stored wizard draft", () => {
  const fallback = draftFromTemplate("sleep", {
    limits: options.limits,
    productIds: options.products,
    name: "fallback",
  });

  it("brings back values and step; an emptied number comes back empty (NaN), not 0", () => {
    const stored = JSON.stringify({
      values: { ...form, idleTimeoutSeconds: Number.NaN },
      step: "scaling",
      reached: "image",
    });
    const draft = restoreWizardDraft(stored, fallback);
    expect(draft?.step).toBe("scaling");
    expect(draft?.reached).toBe("image");
    expect(draft?.values.name).toBe("amber-otter-1234");
    expect(draft?.values.idleTimeoutSeconds).toBeNaN();
    expect(draft?.values.env).toHaveLength(3);
  });

  it("falls back field by field on wrong types, and ignores what is not a draft", () => {
    const draft = restoreWizardDraft(
      JSON.stringify({ values: { name: 42, port: "8080", env: "x" }, step: "nowhere" }),
      fallback,
    );
    expect(draft?.values).toEqual(fallback);
    expect(draft?.step).toBe("start");
    expect(restoreWizardDraft("{not json", fallback)).toBeNull();
    expect(restoreWizardDraft(null, fallback)).toBeNull();
    expect(restoreWizardDraft(JSON.stringify([1, 2]), fallback)).toBeNull();
  });
});
