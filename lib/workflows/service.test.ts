/** The workflow library on a real PGlite, runs sent over HTTP to the sandbox's ComfyUI worker. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curateField, EMPTY_CURATION } from "@/lib/comfyui/curation";
import { fluxGuideWorkflow, guideWorkflow } from "@/lib/comfyui/examples";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { jobs, workflowRuns } from "@/lib/db/schema";
import { JobInputTooLarge, type JobServiceDeps } from "@/lib/jobs/service";
import { createNovitaClient } from "@/lib/novita/client";
import { sandboxForTestFile } from "@/lib/sandbox/test-support";
import { EventBus } from "@/lib/tracker/bus";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import {
  createWorkflow,
  deleteWorkflow,
  getRunOfJob,
  getWorkflow,
  InvalidRunValues,
  InvalidWorkflow,
  listRuns,
  listWorkflows,
  runWorkflow,
  saveWorkflowVersion,
  setDefaultEndpoint,
  updateCuration,
} from "./service";

const KEY = "sk_workflows_test_key_000000";
const sandbox = sandboxForTestFile({
  apiKey: KEY,
  coldStartMs: 20,
  endpointStartupMs: 20,
  tickMs: 20,
  retentionMs: 60_000,
  comfyStepMs: 1,
});
let database: DatabaseHandle;
let deps: JobServiceDeps;
let comfyId: string;

beforeAll(async () => {
  const client = createNovitaClient({
    apiKey: KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    retry: { maxRetries: 0 },
  });
  database = await openDatabase({ engine: "pglite", dataDir: undefined });
  deps = { db: database.db, management: client.management, gateway: client.jobs, bus: new EventBus() };
  comfyId = (
    await client.management.createEndpoint(makeEndpointSpec({ imageName: "novitalabs/comfyui-worker:v0.0.1" }))
  ).id;
});

afterAll(async () => {
  await database?.close();
});

describe("the library", () => {
  it("creates version 1, saves new versions, keeps curation and the default endpoint", async () => {
    const created = await createWorkflow(database.db, {
      name: "Apple",
      description: "the guide's",
      graph: guideWorkflow(),
      userId: null,
    });
    const next = guideWorkflow();
    next["6"]!.inputs.text = "a pear";
    expect(
      await saveWorkflowVersion(database.db, { workflowId: created.id, graph: next, note: "pear", userId: null }),
    ).toBe(2);
    await updateCuration(database.db, created.id, curateField(EMPTY_CURATION, "7.inputs.text", { hidden: true }));
    await setDefaultEndpoint(database.db, created.id, comfyId);

    const view = await getWorkflow(database.db, created.id);
    expect(view).toMatchObject({
      name: "Apple",
      latestVersion: 2,
      defaultEndpointId: comfyId,
      curation: { fields: { "7.inputs.text": { hidden: true } } },
    });
    expect(view!.versions.map((version) => [version.version, version.note])).toEqual([
      [2, "pear"],
      [1, "Imported"],
    ]);
    expect(view!.versions[0]!.graph["6"]!.inputs.text).toBe("a pear");
    const listed = (await listWorkflows(database.db)).find((item) => item.id === created.id);
    expect(listed).toMatchObject({ latestVersion: 2, nodeCount: 7, runCount: 0, lastRunAt: null });
  });

  it("refuses a graph with a broken link, naming the node, and saves nothing", async () => {
    const broken = fluxGuideWorkflow();
    broken["8"]!.inputs.samples = ["30", 0];
    const before = (await listWorkflows(database.db)).length;
    const error = await createWorkflow(database.db, {
      name: "Broken",
      description: "",
      graph: broken,
      userId: null,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidWorkflow);
    expect((error as InvalidWorkflow).issues[0]).toMatchObject({ nodeId: "8", nodeTitle: "VAE Decode" });
    expect(await listWorkflows(database.db)).toHaveLength(before);
  });

  it("deletes a workflow and its versions", async () => {
    const created = await createWorkflow(database.db, {
      name: "Temp",
      description: "",
      graph: guideWorkflow(),
      userId: null,
    });
    await deleteWorkflow(database.db, created.id);
    expect(await getWorkflow(database.db, created.id)).toBeUndefined();
  });
});

describe("runs", () => {
  it("sends the form's values as the worker's input and records the resolved seed", async () => {
    const created = await createWorkflow(database.db, {
      name: "Run me",
      description: "",
      graph: guideWorkflow(),
      userId: null,
    });
    const result = await runWorkflow(
      deps,
      {
        workflowId: created.id,
        version: 1,
        endpointId: comfyId,
        values: { "6.inputs.text": "a blue cube", "3.inputs.seed": 5 },
        randomise: { "3.inputs.seed": true },
        outputNodeId: "9",
        images: [],
        userId: null,
      },
      () => 0.5,
    );
    expect(result.sweepId).toBeNull();
    const [run] = result.runs;
    expect(run!.sent.failure).toBeUndefined();
    const seed = Math.floor(0.5 * (Number.MAX_SAFE_INTEGER + 1));
    expect(run!.inputs).toEqual({
      values: { "6.inputs.text": "a blue cube", "3.inputs.seed": seed },
      outputNodeId: "9",
    });
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, run!.sent.job.id));
    const input = job!.input as {
      workflow: Record<string, { inputs: Record<string, unknown> }>;
      output_node_id: string;
    };
    expect(input.output_node_id).toBe("9");
    expect(input.workflow["6"]!.inputs.text).toBe("a blue cube");
    expect(input.workflow["3"]!.inputs.seed).toBe(seed);
    expect(input.workflow["7"]!.inputs.text).toBe("blurry, low quality");

    expect(await getRunOfJob(database.db, run!.sent.job.id)).toMatchObject({
      workflowId: created.id,
      version: 1,
      inputs: run!.inputs,
    });
    expect((await listWorkflows(database.db)).find((item) => item.id === created.id)).toMatchObject({
      runCount: 1,
      lastRunAt: expect.any(String),
    });
  });

  it("makes a 2 × 2 sweep: four jobs, one sweep id, each at its place in the grid", async () => {
    const created = await createWorkflow(database.db, {
      name: "Sweep",
      description: "",
      graph: guideWorkflow(),
      userId: null,
    });
    const result = await runWorkflow(deps, {
      workflowId: created.id,
      version: 1,
      endpointId: comfyId,
      values: {},
      randomise: { "3.inputs.seed": true },
      images: [],
      sweep: { seedPath: "3.inputs.seed", seeds: [1, 2], promptPath: "6.inputs.text", prompts: ["a cat", "a dog"] },
      userId: null,
    });
    expect(result.runs).toHaveLength(4);
    expect(result.sweepId).toEqual(expect.any(String));
    expect(
      result.runs.map(({ inputs }) => [
        inputs.row,
        inputs.column,
        inputs.values["6.inputs.text"],
        inputs.values["3.inputs.seed"],
      ]),
    ).toEqual([
      [0, 0, "a cat", 1],
      [0, 1, "a cat", 2],
      [1, 0, "a dog", 1],
      [1, 1, "a dog", 2],
    ]);
    const rows = await database.db.select().from(workflowRuns).where(eq(workflowRuns.sweepId, result.sweepId!));
    expect(rows).toHaveLength(4);
    expect(await listRuns(database.db, created.id)).toHaveLength(4);
  });

  it("sends uploaded images in the worker's images list, and records only their names", async () => {
    const graph = guideWorkflow();
    graph["10"] = { class_type: "LoadImage", inputs: { image: "example.png" } };
    const created = await createWorkflow(database.db, { name: "img2img", description: "", graph, userId: null });
    const result = await runWorkflow(deps, {
      workflowId: created.id,
      version: 1,
      endpointId: comfyId,
      values: { "10.inputs.image": "cat.png" },
      randomise: {},
      images: [{ name: "cat.png", image: "iVBORw0KGgo=" }],
      userId: null,
    });
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, result.runs[0]!.sent.job.id));
    expect(job!.input).toMatchObject({
      images: [{ name: "cat.png", image: "iVBORw0KGgo=" }],
      workflow: { "10": { inputs: { image: "cat.png" } } },
    });
    expect(result.runs[0]!.inputs.images).toEqual(["cat.png"]);
  });

  it("sends nothing when a value is wrong or the job would exceed 4 MiB", async () => {
    const created = await createWorkflow(database.db, {
      name: "Strict",
      description: "",
      graph: guideWorkflow(),
      userId: null,
    });
    const base = { workflowId: created.id, version: 1, endpointId: comfyId, randomise: {}, images: [], userId: null };
    await expect(runWorkflow(deps, { ...base, values: { "3.inputs.steps": "many" } })).rejects.toBeInstanceOf(
      InvalidRunValues,
    );
    await expect(
      runWorkflow(deps, { ...base, values: {}, images: [{ name: "big.png", image: "A".repeat(4 * 1024 * 1024) }] }),
    ).rejects.toBeInstanceOf(JobInputTooLarge);
    await expect(
      runWorkflow(deps, { ...base, values: {}, sweep: { seedPath: "99.inputs.seed", seeds: [1] } }),
    ).rejects.toBeInstanceOf(InvalidRunValues);
    expect(await listRuns(database.db, created.id)).toHaveLength(0);
  });
});
