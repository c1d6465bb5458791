export { startSandbox, MAX_JOB_BODY_BYTES, type RunningSandbox, type SandboxOptions } from "./server";
export { SANDBOX_OPERATIONS, type Fault, type SandboxOperation } from "./faults";
export { DEFAULT_APP_ROUTES, type DefaultAppRoute, type Quirks, type QuirksInput } from "./quirks";
export { ENDPOINT_STATES, type EndpointStateName } from "./engine";
export {
  SANDBOX_DEFAULT_PRODUCT_ID,
  SANDBOX_INSTANCE_PRODUCTS,
  SANDBOX_LIMITS,
  SANDBOX_NETWORK_STORAGES,
  SANDBOX_SERVERLESS_PRODUCTS,
} from "./catalog";
export { workerKindOf, type WorkerKind } from "./workers";
