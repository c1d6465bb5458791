import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";
import { currentStep, expectStep, next, number, openWizard } from "./support/wizard";

const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 90);
/** The Playwright web server's sandbox, read straight through Novita's wire format (behind the console's back). */
const sandboxOrigin = `http://127.0.0.1:${sandboxPort}`;
const sandboxKey = () => readFileSync(path.join(process.env.E2E_DATA_DIR!, "sandbox-api-key"), "utf8").trim();

async function sandbox<T>(route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandboxOrigin}/gpu-instance/openapi/v1${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${sandboxKey()}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `sandbox ${route}`).toBe(200);
  return (await response.json()) as T;
}

const endpointsNamed = async (name: string) =>
  (
    await sandbox<{ endpoints: { id: string; name: string }[] | null }>("/endpoints?pageSize=100&pageNum=1")
  ).endpoints?.filter((e) => e.name === name) ?? [];

const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

test.describe("create an endpoint with the wizard", () => {
  const created: string[] = [];
  test.afterAll(async () => {
    for (const id of created) await sandbox("/endpoint/delete", { name: id }).catch(() => undefined);
  });

  test("a ComfyUI endpoint through every step reaches Novita exactly as entered and becomes serving", async ({
    page,
  }) => {
    const name = unique("wizard-comfy");
    const credentialName = unique("dockerhub");
    await openWizard(page);

    // 1. Start from
    await page.getByRole("radio", { name: /ComfyUI worker/ }).check();
    await page.getByLabel("Endpoint name").fill(name);
    await page.getByLabel("App name (optional)").fill("comfy");
    await expect(page.getByText("Async", { exact: true })).toBeVisible();
    await next(page);

    // 2. Hardware: the GPUs and prices come from Novita's serverless list (GPU API v2).
    await expectStep(page, "Hardware");
    await expect(page.getByRole("radio", { name: /RTX 4090 24GB.*\$0\.35 per GPU-hour/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: /RTX 5090 32GB.*\$0\.50 per GPU-hour/ })).toBeVisible();
    await page.getByRole("radio", { name: /H100 SXM 80GB.*\$2\.56 per GPU-hour/ }).check();
    await number(page, "GPUs per worker").fill("1");
    await page.getByLabel("CUDA version").click();
    await page.getByRole("option", { name: "CUDA 12.4" }).click();
    await expect(page.getByText("From 10 to 500 GB.")).toBeVisible();
    await number(page, "System disk (GB)").fill("120");
    await next(page);

    // 3. Scaling: the sentence and the warning follow the numbers.
    await expectStep(page, "Scaling");
    await expect(page.getByRole("note")).toContainText("cold start");
    await number(page, "Min workers").fill("1");
    await expect(page.getByRole("note")).toContainText("you pay $2.56 per hour even when no job is sent");
    await number(page, "Max workers").fill("3");
    await number(page, "Idle timeout (seconds)").fill("120");
    await number(page, "Max concurrent jobs per worker").fill("2");
    await number(page, "Request timeout (seconds)").fill("1200");
    await page.getByRole("radio", { name: /Queue wait/ }).check();
    await number(page, "Queue wait (seconds)").fill("7");
    await expect(page.getByTestId("scaling-sentence")).toHaveText(
      "When a request has waited 7 seconds, a worker is added, up to 3; each worker runs up to 2 jobs at once; " +
        "idle workers stop after 120 seconds, but 1 worker always stays up.",
    );
    await next(page);

    // 4. Image, with a registry credential added on the spot.
    await expectStep(page, "Image");
    await expect(page.getByLabel("Image address")).toHaveValue("novitalabs/comfyui-worker:v0.0.1");
    await page.getByRole("button", { name: "Add credential" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a registry credential" });
    await dialog.getByRole("button", { name: "Save credential" }).click();
    await expect(dialog.getByLabel("Credential name")).toHaveAccessibleDescription(/Enter a name for the credential\./);
    await dialog.getByLabel("Credential name").fill(credentialName);
    await dialog.getByLabel("Registry user name").fill("team-bot");
    await dialog.getByLabel("Password or access token").fill("s3cret-registry-token");
    await dialog.getByRole("button", { name: "Save credential" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel("Registry credential")).toContainText(credentialName);
    await page.getByRole("button", { name: "Add credential" }).click();
    await expect(dialog.getByLabel("Password or access token")).toHaveValue("");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("not enabled yet by Novita")).toBeVisible();
    await number(page, "HTTP port").fill("8188");
    await page.getByLabel("Start command").fill("python main.py --listen");
    await page.getByLabel("Health-check path").fill("/health");
    await next(page);

    // 5. Storage & environment: a network storage, two variables (one secret), the object-storage preset.
    await expectStep(page, "Storage & environment");
    await page.getByLabel("Cloud storage").click();
    await page.getByRole("option", { name: /comfyui-models/ }).click();
    await expect(page.getByLabel("Mount path")).toHaveValue("/workspace/models");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 1 name").fill("HF_TOKEN");
    await page.getByLabel("Variable 1 value").fill("hf_secret_value");
    await expect(page.getByLabel("Variable 1 value")).toHaveAttribute("type", "password");
    await page.getByRole("button", { name: "Show value of HF_TOKEN" }).click();
    await expect(page.getByLabel("Variable 1 value")).toHaveAttribute("type", "text");
    await expect(page.getByLabel("Variable 1 value")).toHaveValue("hf_secret_value");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 2 name").fill("MODEL_NAME");
    await page.getByLabel("Variable 2 value").fill("sdxl-base");
    await page.getByRole("button", { name: "Object storage preset" }).click();
    await expect(page.getByLabel("Variable 3 name")).toHaveValue("BUCKET_ENDPOINT_URL");
    await page.getByLabel("Variable 3 value").fill("https://s3.eu-west-1.amazonaws.com");
    await page.getByLabel("Variable 4 value").fill("AKIAEXAMPLE");
    await page.getByLabel("Variable 5 value").fill("bucket-secret");
    await page.getByLabel("Variable 6 value").fill("team-outputs");
    await expect(page.getByRole("button", { name: "Object storage preset" })).toBeDisabled();
    await next(page);

    // 6. Review: the summary, the cost and the request with secrets hidden.
    await expectStep(page, "Review");
    await expect(page.getByRole("region", { name: "Hardware summary" })).toContainText("H100 SXM 80GB");
    await expect(page.getByRole("region", { name: "Image summary" })).toContainText(credentialName);
    await expect(page.getByTestId("cost-at-min")).toHaveText("$2.56/h");
    await expect(page.getByTestId("cost-at-max")).toHaveText("$7.68/h");
    const request = JSON.parse((await page.getByTestId("create-request").textContent()) ?? "{}") as {
      endpoint: { type: string; products: { id: string }[]; envs: { key: string; value: string }[] };
    };
    expect(request.endpoint).toMatchObject({ type: "async", products: [{ id: "SL-serverless-7" }] });
    expect(request.endpoint.envs).toContainEqual({ key: "HF_TOKEN", value: "••••••" });
    expect(request.endpoint.envs).toContainEqual({ key: "MODEL_NAME", value: "sdxl-base" });
    expect(JSON.stringify(request)).not.toContain("hf_secret_value");
    await page.getByRole("button", { name: "Deploy" }).click();

    await page.waitForURL((url) => /^\/endpoints\/[^/]+$/.test(url.pathname) && url.pathname !== "/endpoints/new");
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    created.push(id);
    expect(await page.evaluate(() => localStorage.getItem("novita-console:endpoint-draft"))).toBeNull();

    // Novita (the sandbox) received exactly what was entered.
    const credentials = await sandbox<{ data: { id: string; name: string }[] }>("/repository/auths");
    const credential = credentials.data.find((candidate) => candidate.name === credentialName);
    expect(credential).toBeDefined();
    const { endpoint } = await sandbox<{
      endpoint: Record<string, unknown> & { workerConfig: Record<string, unknown>; policy: Record<string, unknown> };
    }>(`/endpoint?id=${encodeURIComponent(id)}`);
    expect(endpoint.name).toBe(name);
    expect(endpoint.appName).toBe("comfy");
    expect({
      ...endpoint.workerConfig,
      freeTimeout: Number(endpoint.workerConfig.freeTimeout),
      maxConcurrent: Number(endpoint.workerConfig.maxConcurrent),
    }).toEqual({
      minNum: 1,
      maxNum: 3,
      freeTimeout: 120,
      maxConcurrent: 2,
      gpuNum: 1,
      requestTimeout: 1200,
      cudaVersion: "12.4",
    });
    expect({ type: endpoint.policy.type, value: Number(endpoint.policy.value) }).toEqual({ type: "queue", value: 7 });
    expect(endpoint.image).toEqual({
      image: "novitalabs/comfyui-worker:v0.0.1",
      authId: credential!.id,
      command: "python main.py --listen",
    });
    expect((endpoint.ports as { port: unknown }[]).map((entry) => Number(entry.port))).toEqual([8188]);
    expect(endpoint.envs).toEqual([
      { key: "HF_TOKEN", value: "hf_secret_value" },
      { key: "MODEL_NAME", value: "sdxl-base" },
      { key: "BUCKET_ENDPOINT_URL", value: "https://s3.eu-west-1.amazonaws.com" },
      { key: "BUCKET_ACCESS_KEY_ID", value: "AKIAEXAMPLE" },
      { key: "BUCKET_SECRET_ACCESS_KEY", value: "bucket-secret" },
      { key: "BUCKET_NAME", value: "team-outputs" },
    ]);
    expect(endpoint.products).toEqual([{ id: "SL-serverless-7" }]);
    expect(endpoint.type).toBe("async");
    expect(endpoint.rootfsSize).toBe(120);
    expect(endpoint.volumeMounts).toEqual([
      expect.objectContaining({ type: "network", id: "ns-sandbox-models", mountPath: "/workspace/models" }),
    ]);
    expect(endpoint.clusterID).toBe("sandbox-cluster-1");

    // It becomes serving, and the list shows it.
    await expect
      .poll(
        async () =>
          (await sandbox<{ endpoint: { state: { state: string } } }>(`/endpoint?id=${encodeURIComponent(id)}`)).endpoint
            .state.state,
        { timeout: 15_000 },
      )
      .toBe("serving");
    await page.goto("/endpoints");
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  });

  test("bad input shows on the right field and blocks Next and Deploy; nothing reaches Novita", async ({ page }) => {
    const name = unique("wizard-bad");
    await openWizard(page);
    await page.getByLabel("Endpoint name").fill("");
    await next(page);
    await expectStep(page, "Start from");
    await expect(page.getByLabel("Endpoint name")).toHaveAccessibleDescription("Enter a name.");
    await page.getByLabel("Endpoint name").fill(name);
    await next(page);
    await next(page);

    await expectStep(page, "Scaling");
    await number(page, "Max workers").fill("999");
    await next(page);
    await expectStep(page, "Scaling");
    await expect(number(page, "Max workers")).toHaveAccessibleDescription(
      "Maximum workers must be at most 20 (Novita's limit).",
    );
    await number(page, "Max workers").fill("2");
    await number(page, "Min workers").fill("5");
    await next(page);
    await expectStep(page, "Scaling");
    await expect(number(page, "Min workers")).toHaveAccessibleDescription(
      "Minimum workers (5) cannot exceed maximum workers (2).",
    );
    await number(page, "Min workers").fill("0");
    await number(page, "Idle timeout (seconds)").fill("");
    await next(page);
    await expect(number(page, "Idle timeout (seconds)")).toHaveAccessibleDescription(
      "Enter idle timeout as a whole number.",
    );
    await number(page, "Idle timeout (seconds)").fill("60");
    await next(page);

    await expectStep(page, "Image");
    await number(page, "HTTP port").fill("2222");
    await next(page);
    await expectStep(page, "Image");
    await expect(number(page, "HTTP port")).toHaveAccessibleDescription(
      "Ports 2222, 2223 and 2224 are reserved by Novita.",
    );
    await number(page, "HTTP port").fill("8188");
    await next(page);

    await expectStep(page, "Storage & environment");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 1 name").fill("1BAD");
    await page.getByLabel("Variable 1 value").fill("x");
    await next(page);
    await expectStep(page, "Storage & environment");
    await expect(page.getByLabel("Variable 1 name")).toHaveAccessibleDescription(/"1BAD" is not a valid name/);
    await page.getByLabel("Variable 1 name").fill("GOOD_NAME");
    await next(page);
    await expectStep(page, "Review");

    // Going back through the stepper skips checks, but Deploy checks everything and goes to the failing step.
    await page.getByRole("button", { name: "Edit Scaling" }).click();
    await number(page, "Max workers").fill("999");
    await page.getByRole("button", { name: /Step 6: Review/ }).click();
    await expectStep(page, "Review");
    await page.getByRole("button", { name: "Deploy" }).click();
    await expectStep(page, "Scaling");
    await expect(
      page.getByRole("alert").filter({ hasText: "Fix the highlighted fields before deploying." }),
    ).toBeVisible();
    await expect(number(page, "Max workers")).toHaveAccessibleDescription(
      "Maximum workers must be at most 20 (Novita's limit).",
    );
    await expect(page.getByRole("button", { name: /Step 3: Scaling \(has errors\)/ })).toBeVisible();
    expect(await endpointsNamed(name)).toEqual([]);
  });

  test("a reload mid-wizard keeps the values and the step; Discard draft starts over", async ({ page }) => {
    const name = unique("wizard-draft");
    await openWizard(page);
    await page.getByRole("radio", { name: /Sleep worker/ }).check();
    await page.getByLabel("Endpoint name").fill(name);
    await next(page);
    await next(page);
    await number(page, "Max workers").fill("7");
    await number(page, "Idle timeout (seconds)").fill("");
    await page.reload();

    await expectStep(page, "Scaling");
    await expect(number(page, "Max workers")).toHaveValue("7");
    await expect(number(page, "Idle timeout (seconds)")).toHaveValue("");
    await next(page);
    await expect(number(page, "Idle timeout (seconds)")).toHaveAccessibleDescription(
      "Enter idle timeout as a whole number.",
    );
    await page.getByRole("button", { name: /Step 1: Start from/ }).click();
    await expect(page.getByLabel("Endpoint name")).toHaveValue(name);
    await expect(page.getByRole("radio", { name: /Sleep worker/ })).toBeChecked();

    await page.getByRole("button", { name: "Discard draft" }).click();
    await expectStep(page, "Start from");
    await expect(page.getByLabel("Endpoint name")).not.toHaveValue(name);
    await expect(page.getByRole("radio", { name: /ComfyUI worker/ })).toBeChecked();
    await page.reload();
    await expect(page.getByRole("radio", { name: /ComfyUI worker/ })).toBeChecked();
    await expect(page.getByRole("button", { name: /Step 3: Scaling/ })).toBeDisabled();
  });

  test("Novita's refusal lands on the field it blamed (or on Review), and the draft stays", async ({ page }) => {
    const name = unique("wizard-refused");
    await openWizard(page);
    await page.getByRole("radio", { name: /Sleep worker/ }).check();
    await page.getByLabel("Endpoint name").fill(name);
    for (let step = 0; step < 5; step += 1) await next(page);
    await expectStep(page, "Review");

    // A credential deleted at Novita after it was chosen: only Novita can tell.
    await page.evaluate(() => {
      const key = "novita-console:endpoint-draft";
      const draft = JSON.parse(localStorage.getItem(key)!);
      draft.values.registryAuthId = "auth-deleted-meanwhile";
      localStorage.setItem(key, JSON.stringify(draft));
    });
    await page.reload();
    await expectStep(page, "Review");
    await page.getByRole("button", { name: "Deploy" }).click();
    await expectStep(page, "Image");
    await expect(page.getByLabel("Registry credential")).toHaveAccessibleDescription(/Novita refused it/);
    await expect(page.getByRole("alert").filter({ hasText: "Novita refused it" }).first()).toBeVisible();

    // A failure that names no field is shown on Review.
    await page.getByLabel("Registry credential").click();
    await page.getByRole("option", { name: "None (public image)" }).click();
    await page.getByRole("button", { name: /Step 6: Review/ }).click();
    // One failure, consumed by this Deploy (create is never retried), so nothing is left for other specs.
    const fault = await fetch(`${sandboxOrigin}/_sandbox/faults`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandboxKey()}`, "content-type": "application/json" },
      body: JSON.stringify({ operation: "endpoints.create", mode: "error500", count: 1 }),
    });
    expect(fault.status).toBe(200);
    await page.getByRole("button", { name: "Deploy" }).click();
    await expect(page.getByRole("form", { name: "Create endpoint" }).getByRole("alert")).toBeVisible();
    await expectStep(page, "Review");
    const state = (await (
      await fetch(`${sandboxOrigin}/_sandbox/state`, { headers: { authorization: `Bearer ${sandboxKey()}` } })
    ).json()) as { faults: unknown[] };
    expect(state.faults).toEqual([]);
    expect(await page.evaluate(() => localStorage.getItem("novita-console:endpoint-draft"))).toContain(name);
    expect(await endpointsNamed(name)).toEqual([]);
  });

  test("the options fail to load: a clear message and Retry", async ({ page }) => {
    await signIn(page);
    let fail = true;
    await page.route("**/api/endpoints/options", (route) =>
      fail
        ? route.fulfill({
            status: 502,
            contentType: "application/json",
            body: JSON.stringify({ error: { code: "unavailable", message: "Novita did not answer in time." } }),
          })
        : route.continue(),
    );
    await page.goto("/endpoints/new");
    await expect(page.getByRole("alert").filter({ hasText: "Could not load GPU types" })).toContainText(
      "Novita did not answer in time.",
    );
    fail = false;
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("radio", { name: /ComfyUI worker/ })).toBeVisible();
  });

  for (const width of [1440, 390]) {
    test(`screenshots of every step at ${width} px, light and dark, nothing spills sideways`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 900 });
      await openWizard(page);
      await page.getByRole("button", { name: "Next" }).click();
      for (let step = 0; step < 4; step += 1) await page.getByRole("button", { name: "Next" }).click();
      await page.getByRole("button", { name: /Step 5: Storage/ }).click();
      await page.getByRole("button", { name: "Object storage preset" }).click();
      await page.getByLabel("Variable 2 value").fill("secret-key-id");
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const [index, step] of ["start", "hardware", "scaling", "image", "storage", "review"].entries()) {
          await page.getByRole("button", { name: new RegExp(`^Step ${index + 1}:`) }).click();
          await expect(currentStep(page)).toHaveAttribute("aria-label", new RegExp(`^Step ${index + 1}:`));
          await page.evaluate(() => window.scrollTo(0, 0));
          const suffix = width === 1440 ? scheme : `${width}-${scheme}`;
          await page.screenshot({ path: `test-results/screens/wizard-${step}-${suffix}.png`, fullPage: true });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${step} at ${width} px`).toBeLessThanOrEqual(0);
        }
      }
    });
  }
});
