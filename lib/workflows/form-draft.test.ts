import { describe, expect, it } from "vitest";
import { differsFromDefaults, parseFormDraft } from "./form-draft";

describe("the workflow form's kept draft", () => {
  it("reads a kept draft and refuses what is not one", () => {
    const draft = { version: 2, values: { "6.inputs.text": "a pear", "3.inputs.seed": 7 }, endpointId: "ep-2" };
    expect(parseFormDraft(JSON.stringify(draft))).toEqual(draft);
    expect(parseFormDraft(null)).toBeNull();
    expect(parseFormDraft("{oops")).toBeNull();
    expect(parseFormDraft(JSON.stringify({ version: "2", values: {} }))).toBeNull();
    expect(parseFormDraft(JSON.stringify({ version: 2, values: { a: { nested: true } } }))).toBeNull();
    expect(parseFormDraft(JSON.stringify({ version: 2, values: {}, endpointId: 5 }))).toBeNull();
  });

  it("tells edited values from the defaults, a value removed or added included", () => {
    const defaults = { a: "x", b: 1 };
    expect(differsFromDefaults({ a: "x", b: 1 }, defaults)).toBe(false);
    expect(differsFromDefaults({ a: "y", b: 1 }, defaults)).toBe(true);
    expect(differsFromDefaults({ a: "x" }, defaults)).toBe(true);
    expect(differsFromDefaults({ a: "x", b: 1, c: 2 }, defaults)).toBe(true);
  });
});
