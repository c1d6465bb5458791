/** QuirkSet on its own: merging, renaming and omitting at any depth, without touching the answer it was given. */
import { describe, expect, it } from "vitest";
import { QuirkSet, quirksSchema } from "./quirks";

const answer = () => ({
  endpoints: [
    { id: "e1", state: { state: "serving" }, workers: [{ id: "w1" }], products: [{ id: "SL-serverless-1" }] },
  ],
  total: 1,
});

describe("QuirkSet", () => {
  it("renames a key at every depth for its operation only, leaving the original untouched", () => {
    const quirks = new QuirkSet();
    quirks.merge({ renameFields: [{ operation: "endpoints.list", from: "id", to: "endpointId" }] });
    const original = answer();
    const reshaped = quirks.apply("endpoints.list", original) as ReturnType<typeof answer> & Record<string, unknown>;
    expect(reshaped).toEqual({
      endpoints: [
        {
          endpointId: "e1",
          state: { state: "serving" },
          workers: [{ endpointId: "w1" }],
          products: [{ endpointId: "SL-serverless-1" }],
        },
      ],
      total: 1,
    });
    expect(original).toEqual(answer());
    expect(quirks.apply("endpoints.get", original)).toBe(original);
  });

  it("omits a key at every depth; renames apply first, so renaming and omitting the same key keeps the new name", () => {
    const quirks = new QuirkSet();
    quirks.merge({ omitFields: [{ operation: "jobs.status", field: "id" }] });
    expect(
      quirks.apply("jobs.status", { id: "j", status: "COMPLETED", output: { id: 3, images: [{ id: 1, data: "x" }] } }),
    ).toEqual({
      status: "COMPLETED",
      output: { images: [{ data: "x" }] },
    });
    quirks.merge({ renameFields: [{ operation: "*", from: "id", to: "jobId" }] });
    expect(quirks.apply("jobs.status", { id: "j", status: "IN_QUEUE" })).toEqual({ jobId: "j", status: "IN_QUEUE" });
  });

  it("merge adds rules to the ones set and replaces defaultAppRoute; clear forgets everything", () => {
    const quirks = new QuirkSet();
    expect(quirks.current()).toEqual({ renameFields: [], omitFields: [], defaultAppRoute: "both" });
    quirks.merge({ omitFields: [{ operation: "jobs.status", field: "id" }], defaultAppRoute: "id" });
    const merged = quirks.merge({ omitFields: [{ operation: "products.v2", field: "total" }] });
    expect(merged).toEqual({
      renameFields: [],
      omitFields: [
        { operation: "jobs.status", field: "id" },
        { operation: "products.v2", field: "total" },
      ],
      defaultAppRoute: "id",
    });
    expect(quirks.defaultAppRoute).toBe("id");
    expect(quirks.clear()).toEqual({ renameFields: [], omitFields: [], defaultAppRoute: "both" });
  });

  it("the schema refuses unknown operations, unknown keys and unknown route rules", () => {
    expect(quirksSchema.safeParse({ omitFields: [{ operation: "jobs.nope", field: "id" }] }).success).toBe(false);
    expect(quirksSchema.safeParse({ renameField: [] }).success).toBe(false);
    expect(quirksSchema.safeParse({ defaultAppRoute: "app" }).success).toBe(false);
    expect(
      quirksSchema.safeParse({ renameFields: [{ operation: "products.v2", from: "final_price", to: "price" }] })
        .success,
    ).toBe(true);
  });
});
