import { describe, expect, it } from "vitest";
import type { JobSummary } from "@/lib/jobs/summary";
import type { WorkflowRunView } from "./run-results";
import {
  initialRunState,
  runBlockedReason,
  workflowRunReducer,
  type WorkflowRunAction,
  type WorkflowRunState,
} from "./workflow-run-state";

const SEED = "3.inputs.seed";
const PROMPT = "6.inputs.text";
const IMAGE = "10.inputs.image";

function start(): WorkflowRunState {
  return initialRunState({
    values: { [SEED]: 42, [PROMPT]: "an apple" },
    defaultEndpointId: "ep-1",
    outputNodeId: "",
    promptPath: PROMPT,
  });
}

function after(...actions: WorkflowRunAction[]): WorkflowRunState {
  return actions.reduce(workflowRunReducer, start());
}

function runView(id: string, values: Record<string, string | number>): WorkflowRunView {
  return { job: { id } as JobSummary, failure: null, inputs: { values } };
}

const upload = { name: "cat.png", base64: "AAAA", bytes: 3, previewUrl: "data:image/png;base64,AAAA" };

describe("the workflow run reducer", () => {
  it("starts on the default endpoint with the sweep off on the first prompt field", () => {
    expect(start()).toMatchObject({
      endpointId: "ep-1",
      defaultEndpointId: "ep-1",
      sweep: { on: false, seedsText: "", promptsText: "", promptPath: PROMPT },
      lastRun: null,
      runError: null,
    });
    expect(initialRunState({ values: {}, defaultEndpointId: null, outputNodeId: "9", promptPath: "" })).toMatchObject({
      endpointId: "",
      outputNodeId: "9",
    });
  });

  it("sets values and seeds to randomise; another version or a reset replaces the values and clears errors", () => {
    const edited = after(
      { type: "valueSet", path: PROMPT, value: "a pear" },
      { type: "randomiseSet", path: SEED, on: true },
      {
        type: "runFailed",
        error: { code: "invalid", message: "Some fields need attention.", fields: { [SEED]: "?" } },
      },
    );
    expect(edited.values[PROMPT]).toBe("a pear");
    expect(edited.randomise).toEqual({ [SEED]: true });
    expect(edited.errors).toEqual({ [SEED]: "?" });
    for (const type of ["versionSelected", "valuesReset"] as const) {
      const next = workflowRunReducer(edited, { type, values: { [PROMPT]: "v2" } });
      expect(next.values).toEqual({ [PROMPT]: "v2" });
      expect(next.errors).toEqual({});
      expect(next.randomise).toEqual({ [SEED]: true });
    }
  });

  it("puts a chosen image's name into its input and gives the graph's value back when it is removed", () => {
    const refused = after({ type: "imageRefused", message: "cat.gif is not a PNG, JPEG or WebP image." });
    expect(refused.imageError).toBe("cat.gif is not a PNG, JPEG or WebP image.");
    const chosen = workflowRunReducer(refused, { type: "imageChosen", path: IMAGE, upload });
    expect(chosen).toMatchObject({ images: { [IMAGE]: upload }, values: { [IMAGE]: "cat.png" }, imageError: null });
    const removed = workflowRunReducer(chosen, { type: "imageRemoved", path: IMAGE, value: "example.png" });
    expect(removed).toMatchObject({ images: {}, values: { [IMAGE]: "example.png" } });
  });

  it("chooses the endpoint, remembers the saved default, the output node and sweep changes", () => {
    const state = after(
      { type: "endpointChosen", endpointId: "ep-2" },
      { type: "defaultEndpointSaved", endpointId: "ep-2" },
      { type: "outputNodeChosen", nodeId: "9" },
      { type: "sweepChanged", change: { on: true } },
      { type: "sweepChanged", change: { seedsText: "1, 2" } },
    );
    expect(state).toMatchObject({ endpointId: "ep-2", defaultEndpointId: "ep-2", outputNodeId: "9" });
    expect(state.sweep).toEqual({ on: true, seedsText: "1, 2", promptsText: "", promptPath: PROMPT });
  });

  it("puts a refusal on the node fields it names, else shows the first field's message or the message", () => {
    const onField = after({
      type: "runFailed",
      error: { code: "invalid", message: "Some fields need attention.", fields: { [SEED]: "Too big." } },
    });
    expect(onField).toMatchObject({ errors: { [SEED]: "Too big." }, runError: "Some fields need attention." });
    const elsewhere = after({
      type: "runFailed",
      error: { code: "invalid", message: "Invalid input.", fields: { endpointId: "Choose an endpoint to run on." } },
    });
    expect(elsewhere).toMatchObject({ errors: {}, runError: "Choose an endpoint to run on." });
    const plain = after({ type: "runFailed", error: { code: "upstream", message: "Novita refused it." } });
    expect(plain.runError).toBe("Novita refused it.");
    expect(workflowRunReducer(plain, { type: "runStarted" })).toMatchObject({ runError: null, errors: {} });
  });

  it("keeps the last run and shows the seed a randomised run used; a sweep leaves the form as it was", () => {
    const randomised = after({ type: "randomiseSet", path: SEED, on: true });
    const runs = [runView("job-1", { [SEED]: 7, [PROMPT]: "changed by the server" })];
    const single = workflowRunReducer(randomised, { type: "runFinished", runs, sweep: null });
    expect(single.lastRun).toEqual({ runs, sweep: null });
    expect(single.values).toEqual({ [SEED]: 7, [PROMPT]: "an apple" });
    const axes = { prompts: ["a", "b"], seeds: [1] };
    const swept = workflowRunReducer(randomised, { type: "runFinished", runs, sweep: axes });
    expect(swept.lastRun).toEqual({ runs, sweep: axes });
    expect(swept.values).toEqual(randomised.values);
  });
});

describe("why Run is blocked", () => {
  const fine = {
    endpointId: "ep-1",
    problems: {},
    size: { bytes: 10, limit: 100, level: "ok" as const },
    sweepError: undefined,
  };

  it("names the first thing in the way, or nothing", () => {
    expect(runBlockedReason(fine)).toBeNull();
    expect(runBlockedReason({ ...fine, endpointId: "" })).toBe("Choose an endpoint to run on.");
    expect(runBlockedReason({ ...fine, problems: { [SEED]: "?" } })).toBe("Some fields need attention.");
    expect(runBlockedReason({ ...fine, size: { ...fine.size, level: "over" } })).toBe(
      "The images make the job larger than 4 MiB; use smaller images.",
    );
    expect(runBlockedReason({ ...fine, sweepError: "Enter at least one seed." })).toBe("Enter at least one seed.");
  });
});
