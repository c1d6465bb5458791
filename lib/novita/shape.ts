/**
 * Compares a JSON answer with the fields the console reads, for the connection check: which expected fields are
 * missing, and which fields at the same levels are new to us. Paths are dotted, `[]` marks "each item of a list"
 * (only the first item is looked at: one row shows the shape). `optional` paths are read when they are there
 * (so they are not "new") and not missed when they are not.
 */
export interface ShapeComparison {
  missing: string[];
  /** Fields the console does not read, as paths, at the levels it reads from. */
  extra: string[];
  /** Lists that were empty, so their items' fields could not be checked. */
  unchecked: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function compareShape(
  json: unknown,
  expected: readonly string[],
  optional: readonly string[] = [],
): ShapeComparison {
  const missing: string[] = [];
  const unchecked = new Set<string>();
  const levels = new Map<string, { value: Record<string, unknown>; read: Set<string> }>();
  const paths = [
    ...expected.map((path) => ({ path, required: true })),
    ...optional.map((path) => ({ path, required: false })),
  ];

  for (const { path, required } of paths) {
    const miss = () => {
      if (required) missing.push(path);
    };
    let current: unknown = json;
    let walked = "";
    for (const part of path.split(".")) {
      const list = part.endsWith("[]");
      const key = list ? part.slice(0, -2) : part;
      if (!isRecord(current)) {
        miss();
        break;
      }
      // The level is known even when the key is missing here, so a renamed field shows up as new beside it.
      const level = levels.get(walked) ?? { value: current, read: new Set<string>() };
      levels.set(walked, level);
      if (!(key in current) || current[key] === undefined) {
        miss();
        break;
      }
      level.read.add(key);
      walked = walked ? `${walked}.${part}` : part;
      current = current[key];
      if (list) {
        // Go servers send `null` for an empty list (lib/novita/wire.ts reads it so): empty, not missing.
        if (current === null) {
          if (required) unchecked.add(walked);
          current = undefined;
          break;
        }
        if (!Array.isArray(current)) {
          miss();
          current = undefined;
          break;
        }
        if (current.length === 0) {
          if (required) unchecked.add(walked);
          current = undefined;
          break;
        }
        current = current[0];
      }
    }
  }

  const extra: string[] = [];
  for (const [walked, level] of levels) {
    for (const key of Object.keys(level.value)) if (!level.read.has(key)) extra.push(walked ? `${walked}.${key}` : key);
  }
  return { missing: [...new Set(missing)], extra: extra.sort(), unchecked: [...unchecked] };
}
