/**
 * A team's changes to a workflow's generated form — hide, rename, reorder, basic vs advanced — keyed by node path,
 * so they carry over to every new version whose nodes keep their ids. Browser-safe and free of zod: the stored form
 * and its reading are in ./curation-schema.ts.
 */
import type { FieldGroup, WorkflowField } from "./fields";
import type { Curation, FieldCuration } from "./curation-schema";

export type { Curation, FieldCuration };

export const EMPTY_CURATION: Curation = { order: [], fields: {} };

export interface CuratedField extends WorkflowField {
  hidden: boolean;
  /** The generated label, shown next to a renamed field while curating. */
  generatedLabel: string;
}

/** The form as the team arranged it; curation of paths this version lacks is ignored (and kept for later). */
export function applyCuration(fields: WorkflowField[], curation: Curation): CuratedField[] {
  const rank = new Map(curation.order.map((path, index) => [path, index]));
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => (rank.get(a.field.path) ?? rank.size + a.index) - (rank.get(b.field.path) ?? rank.size + b.index))
    .map(({ field }) => {
      const own = curation.fields[field.path] ?? {};
      return {
        ...field,
        generatedLabel: field.label,
        label: own.label?.trim() ? own.label.trim() : field.label,
        group: own.group ?? field.group,
        hidden: own.hidden ?? false,
      };
    });
}

/** Curated paths this version does not have (a node removed or renumbered), to tell the curator. */
export function staleCurationPaths(fields: WorkflowField[], curation: Curation): string[] {
  const present = new Set(fields.map((field) => field.path));
  return [...new Set([...curation.order, ...Object.keys(curation.fields)])].filter((path) => !present.has(path));
}

/** Updates one field's curation; empty entries are dropped so the stored value stays small. */
export function curateField(curation: Curation, path: string, change: FieldCuration): Curation {
  const merged: FieldCuration = { ...curation.fields[path], ...change };
  const cleaned: FieldCuration = {};
  if (merged.hidden) cleaned.hidden = true;
  if (merged.label?.trim()) cleaned.label = merged.label.trim();
  if (merged.group) cleaned.group = merged.group;
  const fields = { ...curation.fields };
  if (Object.keys(cleaned).length) fields[path] = cleaned;
  else delete fields[path];
  return { ...curation, fields };
}

/** Moves a field one place up or down among the visible order of `current` (the curated list on screen). */
export function moveField(curation: Curation, current: { path: string }[], path: string, direction: -1 | 1): Curation {
  const order = current.map((field) => field.path);
  const from = order.indexOf(path);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= order.length) return curation;
  [order[from], order[to]] = [order[to]!, order[from]!];
  // Paths of other versions stay where they were, after this version's own.
  const others = curation.order.filter((other) => !order.includes(other));
  return { ...curation, order: [...order, ...others] };
}

export function setGroup(curation: Curation, path: string, group: FieldGroup, generated: FieldGroup): Curation {
  return curateField(curation, path, { group: group === generated ? undefined : group });
}
