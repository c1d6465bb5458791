/**
 * The names a workflow's form fields go by outside the form (the REST API's `inputs`, snippets): the label a person
 * sees, as an identifier: "Negative prompt" → `negative_prompt`, "Seed · KSampler" → `seed_ksampler`.
 * Browser-safe.
 */
import { applyCuration, type CuratedField, type Curation } from "./curation";
import { extractFields } from "./fields";
import type { ApiGraph } from "./graph";

/** A form field with the name scripts use for it. */
export interface NamedField extends CuratedField {
  name: string;
}

/** `Prompt (CLIP-L)` → `prompt_clip_l`: lower case letters, digits and single underscores. */
export function identifierOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * The form's fields as the team curated them (order, labels, groups, hidden), each with a unique name made from its
 * label; two fields with one label are told apart by their node id (then their input).
 */
export function namedFields(graph: ApiGraph, curation: Curation): NamedField[] {
  const fields = applyCuration(extractFields(graph), curation);
  const bases = fields.map((field) => identifierOf(field.label) || identifierOf(field.input) || "field");
  const taken = new Set<string>();
  return fields.map((field, index) => {
    const base = bases[index]!;
    let name = bases.indexOf(base) === bases.lastIndexOf(base) ? base : `${base}_${identifierOf(field.nodeId)}`;
    if (taken.has(name)) name = `${name}_${identifierOf(field.input)}`;
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${name.replace(/_\d+$/, "")}_${suffix}`;
    taken.add(name);
    return { ...field, name };
  });
}
