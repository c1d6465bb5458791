/** Keeps the sandbox's state in DATA_DIR/sandbox/state.json, so a restart in local mode orphans nothing. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EngineSnapshot, SandboxEndpoint } from "./engine-types";

export interface RegistryCredentialRecord {
  id: string;
  name: string;
  username: string;
  password: string;
}

export interface SandboxState extends EngineSnapshot {
  version: 1;
  credentials: RegistryCredentialRecord[];
}

/** The product ids of sandboxes before the serverless catalogue, and what they are now. */
const RENAMED_PRODUCTS: Record<string, string> = {
  "sandbox-rtx-4090-24gb": "SL-serverless-1",
  "sandbox-h100-sxm-80gb": "SL-serverless-7",
};

/**
 * Reads an endpoint saved by any earlier sandbox: without a type it was created when the console made only async
 * endpoints; without `appNameGiven`, an app name other than the id was given; `starting` is now `creating`.
 */
export function upgradeEndpoint(saved: SandboxEndpoint): SandboxEndpoint {
  const raw = saved as Omit<SandboxEndpoint, "type" | "appNameGiven" | "state"> & {
    type?: unknown;
    appNameGiven?: unknown;
    state: { state: string };
  };
  const state = raw.state.state === "starting" ? { ...raw.state, state: "creating" } : raw.state;
  return {
    ...saved,
    type: raw.type === "sync" || raw.type === "async" ? raw.type : "async",
    appNameGiven: typeof raw.appNameGiven === "boolean" ? raw.appNameGiven : saved.config.appName !== saved.id,
    state: state as SandboxEndpoint["state"],
    config: {
      ...saved.config,
      products: saved.config.products.map((product) => ({ id: RENAMED_PRODUCTS[product.id] ?? product.id })),
    },
  };
}

export function loadState(dataDir: string): SandboxState | undefined {
  try {
    const state = JSON.parse(readFileSync(path.join(dataDir, "sandbox", "state.json"), "utf8")) as SandboxState;
    if (state.version !== 1) return undefined;
    return { ...state, endpoints: state.endpoints.map(upgradeEndpoint) };
  } catch {
    return undefined;
  }
}

/** Writes at most every `delayMs`: a burst of job changes costs one write. Atomic (write + rename). */
export function createStateWriter(dataDir: string, read: () => SandboxState, delayMs = 250) {
  const folder = path.join(dataDir, "sandbox");
  const file = path.join(folder, "state.json");
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(read()), { mode: 0o600 });
    renameSync(temporary, file);
  };

  return {
    schedule() {
      timer ??= setTimeout(flush, delayMs);
      timer.unref?.();
    },
    flush,
  };
}
