/** Keeps the sandbox's state in DATA_DIR/sandbox/state.json, so a restart in local mode orphans nothing. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EngineSnapshot } from "./engine";

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

export function loadState(dataDir: string): SandboxState | undefined {
  try {
    const state = JSON.parse(readFileSync(path.join(dataDir, "sandbox", "state.json"), "utf8")) as SandboxState;
    return state.version === 1 ? state : undefined;
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
