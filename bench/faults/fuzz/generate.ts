/**
 * Generated bad inputs (fast-check, seeded): almost-valid objects derived from a zod schema — its keys (from
 * `z.toJSONSchema`), each with a value of the wrong type, a nasty string, a boundary number, or missing — and
 * arbitrary JSON, unicode strings, odd numbers. An input the schema accepts is dropped: every one sent is bad.
 */
import fc from "fast-check";
import { z } from "zod";
import { NASTY_STRINGS, NASTY_VALUES } from "./corpus";

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema };

/** A value that is not of `type` (or is, at a boundary): the almost-valid part. */
function wrongFor(type: string | string[] | undefined): fc.Arbitrary<unknown> {
  const boundary: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: "binary", maxLength: 300 })),
    number: fc.constantFrom(-1, -0, 1e308, -1e308, 2 ** 53 + 1, 0.5, 1e-308),
    integer: fc.constantFrom(-1, -0, 1e308, 2 ** 31, 2 ** 53 + 1, 0.5),
    boolean: fc.constantFrom("true", 1, 0, "false"),
    array: fc.oneof(fc.constant([]), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.constant([null])),
    object: fc.oneof(fc.constant({}), fc.constant([]), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 })),
  };
  const wrongTypes = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ unit: "binary", maxLength: 50 }),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.constant({}),
  );
  const own = (Array.isArray(type) ? type : [type ?? "object"]).flatMap((name) => boundary[name] ?? []);
  return own.length ? fc.oneof(wrongTypes, ...own) : wrongTypes;
}

function describe(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return {};
  }
}

/** Objects with the schema's keys (one level into nested objects), each value wrong or missing, plus stray keys. */
function almostValid(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = describe(schema).properties ?? {};
  const keys = Object.keys(shape);
  if (!keys.length) return fc.jsonValue();
  const valueOf = (property: JsonSchema): fc.Arbitrary<unknown> =>
    property.properties
      ? fc.record(
          Object.fromEntries(Object.entries(property.properties).map(([key, inner]) => [key, wrongFor(inner.type)])),
          { requiredKeys: [] },
        )
      : wrongFor(property.type);
  const record = fc.record(Object.fromEntries(keys.map((key) => [key, valueOf(shape[key]!)])), { requiredKeys: [] });
  const stray = fc.dictionary(
    fc.constantFrom("__proto__", "constructor", "admin", "role", "userId", ""),
    fc.jsonValue(),
    {
      maxKeys: 2,
    },
  );
  return fc.oneof(
    { weight: 4, arbitrary: record },
    { weight: 1, arbitrary: fc.tuple(record, stray).map(([base, extra]) => ({ ...extra, ...base })) },
  );
}

/** Anything at all, JSON-wise: the part that knows nothing of the schema. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.double(),
  fc.bigInt().map(String),
  fc.constantFrom(...NASTY_VALUES.map((text) => JSON.parse(text) as unknown)),
);

/**
 * `count` JSON texts of bad inputs for a door with `schema` (undefined: no schema known, anything goes), from a
 * fixed seed. JSON.stringify of a value with an own `__proto__` key keeps it (fast-check builds such keys as own).
 */
export function generatedTexts(schema: z.ZodType | undefined, count: number, seed: number): string[] {
  if (count <= 0) return [];
  const source = schema ? fc.oneof({ weight: 3, arbitrary: almostValid(schema) }, anyJson) : anyJson;
  const texts: string[] = [];
  let round = 0;
  while (texts.length < count && round < 20) {
    for (const value of fc.sample(source, { numRuns: count * 2, seed: seed + round })) {
      if (texts.length >= count) break;
      if (schema?.safeParse(value).success) continue;
      texts.push(JSON.stringify(value) ?? "null");
    }
    round += 1;
  }
  return texts;
}

/** A value's JSON text is bad for the schema (fixed corpus entries are checked the same way). */
export function isBad(schema: z.ZodType | undefined, text: string): boolean {
  if (!schema) return true;
  try {
    return !schema.safeParse(JSON.parse(text)).success;
  } catch {
    return true;
  }
}
