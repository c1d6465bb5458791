import type { EndpointLimits } from "@/lib/novita/types";

/** The sandbox's endpoint limits in the client's terms, for unit tests of forms and mappings. */
export const SANDBOX_LIKE_LIMITS: EndpointLimits = {
  rootfsSizeGb: { min: 10, max: 500, free: 100 },
  localVolumeSizeGb: { min: 10, max: 1000, free: 30 },
  workers: { min: 0, max: 20 },
  idleTimeoutSeconds: { min: 1, max: 3600 },
  maxConcurrent: { min: 1, max: 64 },
  queueWaitSeconds: { min: 1, max: 3600 },
  queuedRequests: { min: 1, max: 1000 },
  gpusPerWorker: { min: 1, max: 8 },
  requestTimeoutSeconds: { min: 1, max: 86_400 },
  cudaVersions: ["12.4", "12.8"],
};
