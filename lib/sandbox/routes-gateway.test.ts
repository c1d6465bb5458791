/** The job gateway over real HTTP: route-name rules, 404s (RunPod-style), the status reply. */
import { describe, expect, it } from "vitest";
import { eventually, sandboxForEachTest } from "./test-support";

const t = sandboxForEachTest();

const health = (route: string) => t.call("GET", `/v1/${route}/health`);

describe("route names", () => {
  it("an endpoint with an app name answers only to <id>-<appName>: not the bare id, not the bare app name", async () => {
    const id = await t.create({ appName: "painter" });
    expect((await health(`${id}-painter`)).status).toBe(200);
    for (const route of [id, "painter", `${id}-${id}`]) {
      const answer = await health(route);
      expect([answer.status, answer.json.reason], route).toEqual([404, "ENDPOINT_NOT_FOUND"]);
    }
  });

  it("an endpoint created without an app name answers to <id> and <id>-<id>", async () => {
    const id = await t.create();
    expect((await t.api("GET", `/endpoint?id=${id}`)).json.endpoint.appName).toBe(id);
    expect((await health(id)).status).toBe(200);
    expect((await health(`${id}-${id}`)).status).toBe(200);
  });

  it("the defaultAppRoute quirk narrows them to one form", async () => {
    const id = await t.create({ appName: "" });
    await t.call("POST", "/_sandbox/quirks", { defaultAppRoute: "id-id" });
    expect([(await health(id)).status, (await health(`${id}-${id}`)).status]).toEqual([404, 200]);
    await t.call("POST", "/_sandbox/quirks", { defaultAppRoute: "id" });
    expect([(await health(id)).status, (await health(`${id}-${id}`)).status]).toEqual([200, 404]);
    await t.call("DELETE", "/_sandbox/quirks");
    expect([(await health(id)).status, (await health(`${id}-${id}`)).status]).toEqual([200, 200]);
  });
});

describe("jobs", () => {
  it("status answers exactly id, status, delayTime, executionTime and output", async () => {
    const id = await t.create({
      appName: "echo",
      workerConfig: { minNum: 1, maxNum: 1, freeTimeout: 60, maxConcurrent: 1, gpuNum: 1 },
    });
    const run = await t.call("POST", `/v1/${id}-echo/run`, { input: { hello: "world" } });
    expect([run.status, run.json.status]).toEqual([200, "PENDING"]);
    const done = await eventually(
      () => t.call("GET", `/v1/${id}-echo/status/${run.json.id}`),
      (answer) => answer.json.status === "COMPLETED",
    );
    expect(Object.keys(done.json).sort()).toEqual(["delayTime", "executionTime", "id", "output", "status"]);
    expect(done.json).toMatchObject({ id: run.json.id, output: { hello: "world" } });
  });

  it("an unknown job or route answers 404 (TASK_NOT_FOUND, ENDPOINT_NOT_FOUND); a bad body 400 INVALID_REQUEST_BODY", async () => {
    const id = await t.create({ appName: "echo" });
    const job = await t.call("GET", `/v1/${id}-echo/status/nope`);
    expect([job.status, job.json.code, job.json.reason]).toEqual([404, 404, "TASK_NOT_FOUND"]);
    const route = await t.call("POST", "/v1/nope/run", { input: {} });
    expect([route.status, route.json.reason]).toEqual([404, "ENDPOINT_NOT_FOUND"]);
    const body = await t.call("POST", `/v1/${id}-echo/run`, { prompt: "no input" });
    expect([body.status, body.json.reason]).toEqual([400, "INVALID_REQUEST_BODY"]);
  });
});
