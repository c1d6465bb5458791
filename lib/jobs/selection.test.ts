import { describe, expect, it } from "vitest";
import { applySelection, keepLoaded } from "./selection";

const ids = ["a", "b", "c", "d", "e", "f"];
const sorted = (set: Set<string>) => [...set].sort();

describe("applySelection", () => {
  it("toggles one row without shift and makes it the anchor", () => {
    const first = applySelection(new Set(), ids, "c", { shift: false, anchorId: null });
    expect(sorted(first.selected)).toEqual(["c"]);
    expect(first.anchorId).toBe("c");
    const second = applySelection(first.selected, ids, "c", { shift: false, anchorId: first.anchorId });
    expect(sorted(second.selected)).toEqual([]);
  });

  it("selects the whole range between the anchor and a shift-clicked row, in either direction", () => {
    const down = applySelection(new Set(["b"]), ids, "e", { shift: true, anchorId: "b" });
    expect(sorted(down.selected)).toEqual(["b", "c", "d", "e"]);
    expect(down.anchorId).toBe("b");
    const up = applySelection(new Set(["e"]), ids, "b", { shift: true, anchorId: "e" });
    expect(sorted(up.selected)).toEqual(["b", "c", "d", "e"]);
  });

  it("keeps rows selected outside the range", () => {
    const result = applySelection(new Set(["a", "f"]), ids, "d", { shift: true, anchorId: "c" });
    expect(sorted(result.selected)).toEqual(["a", "c", "d", "f"]);
  });

  it("clears the range when the shift-clicked row was selected", () => {
    const result = applySelection(new Set(["a", "b", "c", "d", "e"]), ids, "d", { shift: true, anchorId: "b" });
    expect(sorted(result.selected)).toEqual(["a", "e"]);
    expect(result.anchorId).toBe("b");
  });

  it("falls back to a single toggle when there is no anchor or it left the list", () => {
    expect(sorted(applySelection(new Set(), ids, "d", { shift: true, anchorId: null }).selected)).toEqual(["d"]);
    const gone = applySelection(new Set(), ids, "d", { shift: true, anchorId: "zz" });
    expect(sorted(gone.selected)).toEqual(["d"]);
    expect(gone.anchorId).toBe("d");
  });

  it("never mutates the set it is given", () => {
    const before = new Set(["a"]);
    applySelection(before, ids, "c", { shift: true, anchorId: "a" });
    expect(sorted(before)).toEqual(["a"]);
  });
});

describe("keepLoaded", () => {
  it("drops ids no longer listed and returns the same set when nothing changed", () => {
    const selected = new Set(["a", "b"]);
    expect(keepLoaded(selected, ids)).toBe(selected);
    expect(sorted(keepLoaded(new Set(["a", "zz"]), ids))).toEqual(["a"]);
  });
});
