/** What changed between two versions of a workflow, by node path. Browser-safe. */
import { isRecord, sortNodeIds, type ApiGraph } from "./graph";

export interface GraphChange {
  /** `7` for a whole node, `7.class_type`, or `7.inputs.text`. */
  path: string;
  change: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffGraphs(before: ApiGraph, after: ApiGraph): GraphChange[] {
  const changes: GraphChange[] = [];
  for (const id of sortNodeIds([...new Set([...Object.keys(before), ...Object.keys(after)])])) {
    const a = before[id];
    const b = after[id];
    if (!a) {
      changes.push({ path: id, change: "added", after: b?.class_type });
      continue;
    }
    if (!b) {
      changes.push({ path: id, change: "removed", before: a.class_type });
      continue;
    }
    if (a.class_type !== b.class_type)
      changes.push({ path: `${id}.class_type`, change: "changed", before: a.class_type, after: b.class_type });
    const inputsA = isRecord(a.inputs) ? a.inputs : {};
    const inputsB = isRecord(b.inputs) ? b.inputs : {};
    for (const input of [...new Set([...Object.keys(inputsA), ...Object.keys(inputsB)])].sort()) {
      const path = `${id}.inputs.${input}`;
      if (!(input in inputsA)) changes.push({ path, change: "added", after: inputsB[input] });
      else if (!(input in inputsB)) changes.push({ path, change: "removed", before: inputsA[input] });
      else if (!same(inputsA[input], inputsB[input]))
        changes.push({ path, change: "changed", before: inputsA[input], after: inputsB[input] });
    }
    if ((a._meta?.title ?? "") !== (b._meta?.title ?? ""))
      changes.push({ path: `${id}._meta.title`, change: "changed", before: a._meta?.title, after: b._meta?.title });
  }
  return changes;
}
