/** Positions for the read-only graph view: columns by distance from the loaders, rows in id order. Browser-safe. */
import { isLink, sortNodeIds, type ApiGraph } from "./graph";

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The input of the target that receives the link, e.g. `positive`. */
  input: string;
  slot: number;
}

export interface LaidOutNode {
  id: string;
  column: number;
  row: number;
}

export function graphEdges(graph: ApiGraph): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const target of sortNodeIds(Object.keys(graph))) {
    for (const [input, value] of Object.entries(graph[target]?.inputs ?? {})) {
      if (isLink(value) && graph[value[0]])
        edges.push({
          id: `${value[0]}:${value[1]}->${target}.${input}`,
          source: value[0],
          target,
          input,
          slot: value[1],
        });
    }
  }
  return edges;
}

/** Longest path from a source node decides the column (cycles, which ComfyUI refuses anyway, are cut). */
export function layoutGraph(graph: ApiGraph): LaidOutNode[] {
  const ids = sortNodeIds(Object.keys(graph));
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of graphEdges(graph)) incoming.get(edge.target)!.push(edge.source);
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const sources = incoming.get(id) ?? [];
    const value = sources.length ? Math.max(...sources.map((source) => depth(source) + 1)) : 0;
    visiting.delete(id);
    column.set(id, value);
    return value;
  };
  const rows = new Map<number, number>();
  return ids.map((id) => {
    const col = depth(id);
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { id, column: col, row };
  });
}
