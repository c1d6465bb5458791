import { describe, expect, it } from "vitest";
import { expandSweep, parsePromptList, parseSeedList, planSweep, type SweepDraft } from "./sweep";

describe("sweeps", () => {
  const base = { "6.inputs.text": "apple", "3.inputs.seed": 42, "3.inputs.steps": 10 };

  it("makes seeds × prompts runs, rows by prompt and columns by seed", () => {
    const runs = expandSweep(base, {
      seedPath: "3.inputs.seed",
      seeds: [1, 2, 3, 4],
      promptPath: "6.inputs.text",
      prompts: ["apple", "pear"],
    });
    expect(runs).toHaveLength(8);
    expect(runs[0]).toEqual({ values: { ...base, "3.inputs.seed": 1, "6.inputs.text": "apple" }, row: 0, column: 0 });
    expect(runs[7]).toEqual({ values: { ...base, "3.inputs.seed": 4, "6.inputs.text": "pear" }, row: 1, column: 3 });
    expect(new Set(runs.map((run) => `${run.row}:${run.column}`)).size).toBe(8);
  });

  it("keeps the base value of an axis that is not swept", () => {
    expect(
      expandSweep(base, { seedPath: "3.inputs.seed", seeds: [7, 8] }).map((run) => run.values["6.inputs.text"]),
    ).toEqual(["apple", "apple"]);
    expect(expandSweep(base, {})).toEqual([{ values: base, row: 0, column: 0 }]);
  });

  it("parses seed lists and random requests", () => {
    expect(parseSeedList("1, 2\n3 4")).toEqual({ seeds: [1, 2, 3, 4] });
    expect(parseSeedList("1, -2")).toEqual({ error: "“-2” is not a seed (a whole number from 0)." });
    expect(parseSeedList("")).toEqual({ error: "Enter at least one seed." });
    const random = parseSeedList("3 random", () => 0.25);
    expect("seeds" in random && random.seeds).toHaveLength(3);
    expect(parseSeedList("0 random")).toHaveProperty("error");
  });

  it("parses prompts one per line", () => {
    expect(parsePromptList("a cat\n\n  a dog  \r\n")).toEqual(["a cat", "a dog"]);
  });

  it("plans a draft: the spec, the grid's axes and the job count, or why it cannot run", () => {
    const draft: SweepDraft = { on: true, seedsText: "1, 2", promptsText: "a\nb\nc", promptPath: "6.inputs.text" };
    expect(planSweep(draft, "3.inputs.seed")).toEqual({
      spec: { seedPath: "3.inputs.seed", seeds: [1, 2], promptPath: "6.inputs.text", prompts: ["a", "b", "c"] },
      prompts: ["a", "b", "c"],
      seeds: [1, 2],
      jobCount: 6,
      error: undefined,
    });
    expect(planSweep({ ...draft, seedsText: "" }, "3.inputs.seed").spec).toEqual({
      promptPath: "6.inputs.text",
      prompts: ["a", "b", "c"],
    });
    expect(planSweep({ ...draft, on: false }, "3.inputs.seed")).toMatchObject({ spec: undefined, jobCount: 1 });
    expect(planSweep({ ...draft, seedsText: "x" }, "3.inputs.seed")).toMatchObject({ spec: undefined, jobCount: 1 });
    const tooMany = planSweep({ ...draft, seedsText: "40 random", promptsText: "a\nb" }, "3.inputs.seed");
    expect(tooMany).toMatchObject({
      spec: undefined,
      jobCount: 80,
      error: "That is 80 jobs; a sweep makes at most 64.",
    });
  });
});
