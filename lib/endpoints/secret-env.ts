/**
 * Values of secret-looking environment variables (isSecretName) never leave the server in an endpoint view: they are
 * replaced by a placeholder, which a save then turns back into the value Novita has. Admins reveal one value at a
 * time through an audited action. Browser-safe (the editor compares against the placeholder).
 */
import type { EnvVar } from "@/lib/novita/types";
import { isSecretName } from "./env";

/** Never a value a person would type: the editor shows it as a hidden field. */
export const MASKED_ENV_VALUE = "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022 hidden";

export function isMaskedEnvValue(value: string): boolean {
  return value === MASKED_ENV_VALUE;
}

/** Replaces non-empty values of secret names by the placeholder. */
export function maskSecretEnv(env: EnvVar[]): EnvVar[] {
  return env.map((row) => (isSecretName(row.key) && row.value !== "" ? { ...row, value: MASKED_ENV_VALUE } : row));
}

export type RestoredEnv = { ok: true; env: EnvVar[] } | { ok: false; index: number; key: string };

/**
 * Puts the stored values back where the form still holds the placeholder. A placeholder under a name that has no
 * stored value (the row was renamed) cannot be restored: the person must type the value.
 */
export function restoreMaskedEnv(edited: EnvVar[], current: EnvVar[]): RestoredEnv {
  const stored = new Map(current.map((row) => [row.key, row.value]));
  const env: EnvVar[] = [];
  for (const [index, row] of edited.entries()) {
    if (!isMaskedEnvValue(row.value)) {
      env.push(row);
      continue;
    }
    const value = stored.get(row.key);
    if (value === undefined) return { ok: false, index, key: row.key };
    env.push({ ...row, value });
  }
  return { ok: true, env };
}
