import { describe, expect, it } from "vitest";
import { costPerHour } from "./cost";
import { describeScaling, minWorkersWarning } from "./describe";
import { diffEndpointForms } from "./diff";
import { draftFromTemplate } from "./templates";
import { apiSnippets } from "./snippets";
import { SANDBOX_LIKE_LIMITS } from "@/tests/support/limits";

describe("describeScaling", () => {
  it("says what the queue policy will do", () => {
    expect(
      describeScaling({
        minWorkers: 0,
        maxWorkers: 3,
        idleTimeoutSeconds: 60,
        maxConcurrent: 1,
        policyType: "queue",
        policyValue: 5,
      }),
    ).toBe(
      "When a request has waited 5 seconds, a worker is added, up to 3; each worker runs up to 1 job at once; " +
        "idle workers stop after 60 seconds.",
    );
  });

  it("says what the concurrency policy will do, and the floor of min workers", () => {
    expect(
      describeScaling({
        minWorkers: 2,
        maxWorkers: 4,
        idleTimeoutSeconds: 1,
        maxConcurrent: 2,
        policyType: "concurrency",
        policyValue: 1,
      }),
    ).toBe(
      "When more than 1 request is queued, a worker is added, up to 4; each worker runs up to 2 jobs at once; " +
        "idle workers stop after 1 second, but 2 workers always stay up.",
    );
  });

  it("warns about cold starts at 0 and about paying while idle above it", () => {
    expect(minWorkersWarning(0, "$0.00")).toMatchObject({ tone: "info", text: expect.stringContaining("cold start") });
    expect(minWorkersWarning(1, "$0.69")).toEqual({
      tone: "warning",
      text: "1 worker will run all the time: you pay $0.69 per hour even when no job is sent.",
    });
  });
});

describe("cost", () => {
  it("multiplies the GPU price by GPUs per worker and workers", () => {
    expect(costPerHour(0.69, 2, 3)).toBeCloseTo(4.14);
  });
});

describe("diffEndpointForms", () => {
  it("lists changed fields and env vars, masking secret values", () => {
    const before = {
      ...draftFromTemplate("sleep", {
        limits: SANDBOX_LIKE_LIMITS,
        productIds: [{ id: "rtx", name: "RTX 4090" }],
        name: "n",
      }),
      env: [{ key: "HF_TOKEN", value: "old" }],
    };
    const after = {
      ...before,
      maxWorkers: 5,
      env: [
        { key: "HF_TOKEN", value: "new" },
        { key: "MODE", value: "x" },
      ],
    };
    expect(diffEndpointForms(before, after)).toEqual([
      { field: "maxWorkers", label: "Max workers", before: "3", after: "5" },
      { field: "env.HF_TOKEN", label: "Env HF_TOKEN", before: "••••••", after: "••••••" },
      { field: "env.MODE", label: "Env MODE", before: "—", after: "x" },
    ]);
    expect(diffEndpointForms(before, { ...before })).toEqual([]);
  });
});

describe("apiSnippets", () => {
  it("uses the route name and $NOVITA_API_KEY, never a key value", () => {
    const snippets = apiSnippets({
      jobsBaseUrl: "https://async-public.serverless.novita.ai/v1",
      routeName: "abc-async",
      key: "NOVITA_API_KEY",
    });
    expect(snippets.curl).toContain("https://async-public.serverless.novita.ai/v1/abc-async/run");
    expect(snippets.curl).toContain("Bearer $NOVITA_API_KEY");
    expect(snippets.python).toContain("os.environ['NOVITA_API_KEY']");
    expect(snippets.typescript).toContain("process.env.NOVITA_API_KEY");
  });

  it("through the console: the console's gateway and $CONSOLE_TOKEN, no trace of the Novita key", () => {
    const snippets = apiSnippets({
      jobsBaseUrl: "https://console.example.com/api/novita/v1",
      routeName: "abc-async",
      key: "CONSOLE_TOKEN",
    });
    expect(snippets.curl).toContain("https://console.example.com/api/novita/v1/abc-async/run");
    expect(snippets.curl).toContain("Bearer $CONSOLE_TOKEN");
    expect(snippets.curl).toContain("kept in the console's ledger");
    expect(snippets.python).toContain("os.environ['CONSOLE_TOKEN']");
    expect(snippets.typescript).toContain("process.env.CONSOLE_TOKEN");
    expect(Object.values(snippets).join("\n")).not.toContain("NOVITA_API_KEY");
  });
});
