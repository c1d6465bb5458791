/** Sweeps: one run per combination of seeds × prompts, each with fully resolved inputs. Browser-safe. */
import type { FormValues } from "./fields";

export const MAX_SWEEP_RUNS = 64;

export interface SweepSpec {
  seedPath?: string;
  seeds?: number[];
  promptPath?: string;
  prompts?: string[];
}

export interface SweepRun {
  values: FormValues;
  /** Position in the comparison grid: rows are prompts, columns are seeds. */
  row: number;
  column: number;
}

/**
 * Every combination of the sweep's prompts (rows) and seeds (columns) on top of the base values; an axis that is
 * missing or empty stays at its base value. 4 seeds × 2 prompts = 8 runs.
 */
export function expandSweep(base: FormValues, spec: SweepSpec): SweepRun[] {
  const seeds = spec.seedPath && spec.seeds?.length ? spec.seeds : [undefined];
  const prompts = spec.promptPath && spec.prompts?.length ? spec.prompts : [undefined];
  const runs: SweepRun[] = [];
  prompts.forEach((prompt, row) => {
    seeds.forEach((seed, column) => {
      const values = { ...base };
      if (seed !== undefined && spec.seedPath) values[spec.seedPath] = seed;
      if (prompt !== undefined && spec.promptPath) values[spec.promptPath] = prompt;
      runs.push({ values, row, column });
    });
  });
  return runs;
}

/** Seeds typed as "1, 2, 3" or one per line; also "4 random" → four random seeds. */
export function parseSeedList(
  text: string,
  random: () => number = Math.random,
): { seeds: number[] } | { error: string } {
  const trimmed = text.trim();
  const randomMatch = /^(\d+)\s+random$/i.exec(trimmed);
  if (randomMatch) {
    const count = Number(randomMatch[1]);
    if (count < 1 || count > MAX_SWEEP_RUNS) return { error: `Ask for 1 to ${MAX_SWEEP_RUNS} random seeds.` };
    return { seeds: Array.from({ length: count }, () => Math.floor(random() * (Number.MAX_SAFE_INTEGER + 1))) };
  }
  const parts = trimmed.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return { error: "Enter at least one seed." };
  const seeds: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part)))
      return { error: `“${part}” is not a seed (a whole number from 0).` };
    seeds.push(Number(part));
  }
  return { seeds };
}

/** Prompts one per line; blank lines are skipped. */
export function parsePromptList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A sweep as the run form holds it: on or off, the typed seeds and prompts, and the prompt field swept. */
export interface SweepDraft {
  on: boolean;
  seedsText: string;
  promptsText: string;
  promptPath: string;
}

/** What a draft amounts to: the spec to send, the grid's axes, how many jobs a run sends, or why it cannot run. */
export interface SweepPlan {
  /** Undefined while the sweep is off or has an error. */
  spec: SweepSpec | undefined;
  prompts: string[];
  seeds: number[];
  jobCount: number;
  error: string | undefined;
}

/** Reads a sweep draft; `seedPath` is the form's seed field (a workflow without one sweeps prompts only). */
export function planSweep(draft: SweepDraft, seedPath: string | undefined): SweepPlan {
  const plan = (seeds: number[], prompts: string[], error?: string, spec?: SweepSpec): SweepPlan => ({
    spec,
    prompts,
    seeds,
    jobCount: draft.on ? Math.max(1, seeds.length) * Math.max(1, prompts.length) : 1,
    error,
  });
  if (!draft.on) return plan([], []);
  const parsedSeeds = draft.seedsText.trim() ? parseSeedList(draft.seedsText) : { seeds: [] };
  if ("error" in parsedSeeds) return plan([], [], parsedSeeds.error);
  const { seeds } = parsedSeeds;
  const prompts = parsePromptList(draft.promptsText);
  const count = Math.max(1, seeds.length) * Math.max(1, prompts.length);
  if (count > MAX_SWEEP_RUNS)
    return plan(seeds, prompts, `That is ${count} jobs; a sweep makes at most ${MAX_SWEEP_RUNS}.`);
  return plan(seeds, prompts, undefined, {
    ...(seedPath && seeds.length ? { seedPath, seeds } : {}),
    ...(draft.promptPath && prompts.length ? { promptPath: draft.promptPath, prompts } : {}),
  });
}
