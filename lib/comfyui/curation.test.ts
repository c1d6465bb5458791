import { describe, expect, it } from "vitest";
import { applyCuration, curateField, EMPTY_CURATION, moveField, setGroup, staleCurationPaths } from "./curation";
import { readCuration } from "./curation-schema";
import { guideWorkflow } from "./examples";
import { extractFields } from "./fields";

describe("curation", () => {
  const fields = extractFields(guideWorkflow());

  it("hides, renames and regroups by path", () => {
    let curation = curateField(EMPTY_CURATION, "7.inputs.text", { hidden: true });
    curation = curateField(curation, "6.inputs.text", { label: "What to draw" });
    curation = setGroup(curation, "3.inputs.steps", "basic", "advanced");
    const curated = Object.fromEntries(applyCuration(fields, curation).map((field) => [field.path, field]));
    expect(curated["7.inputs.text"]!.hidden).toBe(true);
    expect(curated["6.inputs.text"]).toMatchObject({ label: "What to draw", generatedLabel: "Prompt", hidden: false });
    expect(curated["3.inputs.steps"]!.group).toBe("basic");
    // Back to the generated group: the entry disappears.
    expect(setGroup(curation, "3.inputs.steps", "advanced", "advanced").fields["3.inputs.steps"]).toBeUndefined();
    expect(curateField(curation, "6.inputs.text", { label: "  " }).fields["6.inputs.text"]).toBeUndefined();
  });

  it("reorders, and keeps the order of paths other versions have", () => {
    const start = { ...EMPTY_CURATION, order: ["40.inputs.text"] };
    const moved = moveField(start, applyCuration(fields, start), "3.inputs.seed", -1);
    const order = applyCuration(fields, moved).map((field) => field.path);
    expect(order.slice(0, 3)).toEqual(["6.inputs.text", "3.inputs.seed", "7.inputs.text"]);
    expect(moved.order.at(-1)).toBe("40.inputs.text");
    // Moving past either end changes nothing.
    expect(moveField(moved, applyCuration(fields, moved), "6.inputs.text", -1)).toBe(moved);
  });

  it("carries over to a new version whose nodes keep their ids, and reports curated paths that vanished", () => {
    const curation = curateField(curateField(EMPTY_CURATION, "6.inputs.text", { label: "Subject" }), "7.inputs.text", {
      hidden: true,
    });
    const next = guideWorkflow();
    delete next["7"];
    next["3"]!.inputs.negative = ["6", 0];
    next["6"]!.inputs.text = "a pear";
    const curated = applyCuration(extractFields(next), curation);
    expect(curated.find((field) => field.path === "6.inputs.text")).toMatchObject({
      label: "Subject",
      defaultValue: "a pear",
    });
    expect(staleCurationPaths(extractFields(next), curation)).toEqual(["7.inputs.text"]);
  });

  it("reads broken stored values as no curation", () => {
    expect(readCuration(null)).toEqual(EMPTY_CURATION);
    expect(readCuration({ order: "x" })).toEqual(EMPTY_CURATION);
    expect(readCuration({})).toEqual(EMPTY_CURATION);
  });
});
