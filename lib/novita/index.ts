/** The client's public surface. The app gets its configured client from `@/lib/novita/server`. */
export * from "./types";
export { NovitaError, isNovitaError, type NovitaErrorKind } from "./errors";
export { createNovitaClient, type NovitaClient, type NovitaClientOptions } from "./client";
export { deriveJobRouteName, jobRouteCandidates } from "./route-name";
export type { GpuCatalogApi } from "./catalog";
export { MAX_JOB_REQUEST_BYTES, type JobGateway } from "./jobs";
export type { ManagementApi, NewRegistryCredential, RouteNameOptions } from "./management";
export type { RetryPolicy } from "./retry";
