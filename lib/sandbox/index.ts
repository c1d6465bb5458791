export { startSandbox, MAX_JOB_BODY_BYTES, type RunningSandbox, type SandboxOptions } from "./server";
export { SANDBOX_OPERATIONS, type Fault, type SandboxOperation } from "./faults";
export { workerKindOf, type WorkerKind } from "./workers";
