/**
 * A team's changes to a workflow's generated form — hide, rename, reorder, basic vs advanced — keyed by node path,
 * so they carry over to every new version whose nodes keep their ids. Browser-safe.
 */
import { z } from "zod";
import type { FieldGroup, WorkflowField } from "./fields";

export const fieldCurationSchema = z.object({
  hidden: z.boolean().optional(),
  label: z.string().trim().max(80, "Keep labels under 80 characters.").optional(),
  group: z.enum(["basic", "advanced"]).optional(),
});

export const curationSchema = z.object({
  /** Paths in the order the team chose; paths missing here keep their generated order after these. */
  order: z.array(z.string().max(300)).max(500).default([]),
  fields: z.record(z.string().max(300), fieldCurationSchema).default({}),
});

export type FieldCuration = z.infer<typeof fieldCurationSchema>;
export type Curation = z.infer<typeof curationSchema>;

export const EMPTY_CURATION: Curation = { order: [], fields: {} };

/** Reads a stored curation leniently: an old or broken value is treated as no curation rather than an error. */
export function readCuration(value: unknown): Curation {
  const parsed = curationSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : EMPTY_CURATION;
}

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
