import { describe, expect, it } from "vitest";
import { compareShape } from "./shape";

describe("compareShape", () => {
  it("finds nothing missing or new when the answer has exactly the fields read", () => {
    expect(compareShape({ id: "a", state: { state: "serving" } }, ["id", "state.state"])).toEqual({
      missing: [],
      extra: [],
      unchecked: [],
    });
  });

  it("names a missing field by its full path, and the field beside it as new (a rename shows as both)", () => {
    const answer = { endpoints: [{ id: "ep-1", name: "one", status: { state: "serving" } }], total: 1 };
    const result = compareShape(answer, [
      "endpoints[]",
      "total",
      "endpoints[].id",
      "endpoints[].name",
      "endpoints[].state.state",
    ]);
    expect(result.missing).toEqual(["endpoints[].state.state"]);
    expect(result.extra).toEqual(["endpoints[].status"]);
  });

  it("reports new fields only at the levels the console reads from, sorted", () => {
    const answer = { total: 2, zeta: true, endpoints: [{ id: "x", workerConfig: { minNum: 0, deep: 1 }, alpha: 1 }] };
    const result = compareShape(answer, ["endpoints[]", "total", "endpoints[].id", "endpoints[].workerConfig"]);
    expect(result.missing).toEqual([]);
    // workerConfig is read whole, so its insides are not "new".
    expect(result.extra).toEqual(["endpoints[].alpha", "zeta"]);
  });

  it("shows a renamed nested field as new beside the missing one, even when nothing else at that level is read", () => {
    const result = compareShape({ endpoint: { state: { phase: "serving" } } }, ["endpoint.state.state"]);
    expect(result.missing).toEqual(["endpoint.state.state"]);
    expect(result.extra).toEqual(["endpoint.state.phase"]);
  });

  it("looks at the first item of a list only", () => {
    const answer = { data: [{ id: "1", name: "a" }, { other: true }] };
    expect(compareShape(answer, ["data[]", "data[].id", "data[].name"])).toEqual({
      missing: [],
      extra: [],
      unchecked: [],
    });
  });

  it("cannot check the items of an empty list (or a Go null list) and says so instead of calling them missing", () => {
    expect(compareShape({ data: [] }, ["data[]", "data[].id"])).toEqual({
      missing: [],
      extra: [],
      unchecked: ["data[]"],
    });
    expect(compareShape({ data: null }, ["data[]", "data[].id"])).toEqual({
      missing: [],
      extra: [],
      unchecked: ["data[]"],
    });
  });

  it("calls a list that is not a list missing", () => {
    expect(compareShape({ data: { id: "1" } }, ["data[]", "data[].id"]).missing).toEqual(["data[]", "data[].id"]);
  });

  it("treats a field set to undefined as missing, but a null leaf as present (Novita sends null for empty values)", () => {
    expect(compareShape({ a: undefined, b: null }, ["a", "b"]).missing).toEqual(["a"]);
  });

  it("calls every path missing when the answer is not an object", () => {
    for (const answer of [undefined, null, "text", 3, [{ id: "1" }]]) {
      expect(compareShape(answer, ["id", "data[].id"]).missing, JSON.stringify(answer)).toEqual(["id", "data[].id"]);
    }
  });

  it("names a path whose parent is a scalar as missing", () => {
    expect(compareShape({ state: "serving" }, ["state.state"])).toEqual({
      missing: ["state.state"],
      extra: [],
      unchecked: [],
    });
  });

  it("lists each missing path once even when it is expected twice", () => {
    expect(compareShape({}, ["id", "id"]).missing).toEqual(["id"]);
  });

  it("with nothing expected, reports nothing (a call whose answer the console ignores)", () => {
    expect(compareShape({ anything: 1 }, [])).toEqual({ missing: [], extra: [], unchecked: [] });
  });
});
