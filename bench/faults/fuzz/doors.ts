/**
 * The doors: every handler of every app/api/**\/route.ts (read from the file tree and each file's exports) and every
 * server action of the build (.next/server/server-reference-manifest.json: its id, its export, and a page whose
 * worker holds it — an action is called with `POST <page>` and `Next-Action: <id>`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..", "..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface RouteDoor {
  kind: "route";
  /** e.g. `POST /api/v1/jobs/[id]/cancel`. */
  name: string;
  method: string;
  /** The path's segments as in the file tree: `[id]` and `[...rest]` are filled by the fuzzer. */
  segments: string[];
}

export interface ActionDoor {
  kind: "action";
  name: string;
  id: string;
  /** The page the action is posted to (dynamic segments filled with `x`). */
  path: string;
}

export type Door = RouteDoor | ActionDoor;

/** The methods a route file exports: `export const GET`, `export async function POST`, `export { a as GET }`. */
function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+([A-Z]+)\b/g)) found.add(match[1]!);
  for (const list of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of list[1]!.split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return METHODS.filter((method) => found.has(method));
}

export function routeDoors(): RouteDoor[] {
  const api = path.join(ROOT, "app", "api");
  const files = (readdirSync(api, { recursive: true, encoding: "utf8" }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .sort();
  return files.flatMap((file) => {
    const segments = ["api", ...path.dirname(file).split(path.sep)];
    return exportedMethods(readFileSync(path.join(api, file), "utf8")).map((method) => ({
      kind: "route" as const,
      name: `${method} /${segments.join("/")}`,
      method,
      segments,
    }));
  });
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  exportedName?: string;
  filename?: string;
}

/** `app/(console)/endpoints/[id]/page` → `/endpoints/x` (route groups dropped). */
function pagePath(worker: string): string {
  const parts = worker
    .replace(/^app\//, "")
    .replace(/\/page$|^page$/, "")
    .split("/")
    .filter((part) => part && !/^\(.*\)$/.test(part))
    .map((part) => (part.startsWith("[") ? "x" : part));
  return `/${parts.join("/")}`;
}

export function actionDoors(): ActionDoor[] {
  const file = path.join(ROOT, ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node)
    .map(([id, entry]) => {
      // The page with the fewest dynamic segments: its render is the cheapest after the action.
      const workers = Object.keys(entry.workers).sort((a, b) => a.split("[").length - b.split("[").length);
      return { kind: "action" as const, name: entry.exportedName ?? id, id, path: pagePath(workers[0]!) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
