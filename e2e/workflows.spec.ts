import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";
import {
  chooseEndpoint,
  fluxGuideWorkflow,
  guideJobBody,
  guideWorkflow,
  importByPaste,
  uiFormatFile,
} from "./support/workflows";

test.describe("ComfyUI workflows", () => {
  let sandbox: SandboxManagement;
  let comfyId: string;
  let comfyName: string;
  let echoId: string;
  let echoName: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    comfyName = uniqueName("wf-comfy");
    comfyId = await sandbox.createEndpoint(comfyName, {
      image: "novitalabs/comfyui-worker:v0.0.1",
      minNum: 0,
      maxNum: 2,
    });
    echoName = uniqueName("wf-echo");
    echoId = await sandbox.createEndpoint(echoName, { image: "example/echo-worker:1", minNum: 0, maxNum: 1 });
  });

  test.afterAll(async () => {
    for (const id of [comfyId, echoId]) if (id && (await sandbox.getEndpoint(id))) await sandbox.deleteEndpoint(id);
  });

  test("the guide's workflow, pasted, becomes a form; a run's image shows in the results and on the job page", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signIn(page);
    const name = uniqueName("Guide apple");
    await importByPaste(page, name, guideJobBody());

    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a red apple on a table");
    await expect(page.getByLabel("Negative prompt")).toHaveValue("blurry, low quality");
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue("42");
    await expect(page.getByLabel("Width")).toHaveValue("512");
    // Advanced fields wait behind a disclosure.
    await expect(page.getByLabel("Steps")).toBeHidden();
    await page.locator("summary", { hasText: "Advanced" }).click();
    await expect(page.getByLabel("Steps")).toHaveValue("10");
    await expect(page.getByRole("group", { name: /Workflow graph: 7 nodes, 9 links/ })).toBeVisible();

    // Hovering a field outlines its node in the graph.
    await page.getByLabel("Prompt", { exact: true }).hover();
    await expect(page.locator('[data-node-id="6"][data-highlighted]')).toBeVisible();

    // An endpoint whose image is not ComfyUI gets a warning.
    await chooseEndpoint(page, echoName);
    await expect(page.getByText(/does not look like a ComfyUI worker/)).toBeVisible();
    await chooseEndpoint(page, comfyName);
    await expect(page.getByText(/does not look like a ComfyUI worker/)).toBeHidden();

    await page.getByLabel("Prompt", { exact: true }).fill("a green pear on a plate");
    await page.getByLabel("Output node").selectOption("9");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const result = page.getByRole("list", { name: "Run results" }).getByRole("listitem").first();
    const image = result.getByRole("list", { name: "Output images" }).getByRole("img");
    await expect(image).toHaveCount(1, { timeout: 60_000 });
    await expect(image).toHaveAttribute("src", /^data:image\/png;base64,/);
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBe(512);
    await expect(result.getByText("Completed")).toBeVisible();

    await result.getByRole("link", { name: /^Job / }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await expect(page.getByRole("list", { name: "Output images" }).getByRole("img")).toHaveCount(1);
    // The job's input is the worker's shape, with the form's prompt in node 6.
    await expect(page.getByRole("list", { name: "Input", exact: true })).toContainText('"output_node_id": "9"');

    await page.goto("/workflows");
    await expect(page.getByRole("link", { name: new RegExp(name) })).toContainText(/Last run .* 1 run/);
  });

  test("a UI-format file, uploaded or dropped, gets how to export API format; a dropped API file is accepted", async ({
    page,
  }) => {
    await signIn(page);
    await page.goto("/workflows");
    const save = page.getByRole("button", { name: "Save workflow" });
    await page
      .getByLabel("Upload a workflow file")
      .setInputFiles({ name: "my workflow.json", mimeType: "application/json", buffer: Buffer.from(uiFormatFile()) });
    const explanation = page.getByRole("alert").filter({ hasText: "This is ComfyUI's UI format, not the API format" });
    await expect(explanation).toBeVisible();
    await expect(explanation).toContainText("Workflow → Export (API)");
    await expect(explanation).toContainText("Save (API Format)");
    await expect(save).toBeDisabled();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("my workflow");

    // Drag and drop of an exported API file.
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "apple.json", { type: "application/json" }));
      return transfer;
    }, JSON.stringify(guideWorkflow()));
    await page.getByTestId("workflow-drop-zone").dispatchEvent("drop", { dataTransfer });
    await expect(page.getByText("API format, 7 nodes, all links resolve.")).toBeVisible();
    await expect(explanation).toBeHidden();
    await expect(save).toBeEnabled();
  });

  test("a workflow with a broken link is refused with the node's id and title", async ({ page }) => {
    await signIn(page);
    await page.goto("/workflows");
    const broken = fluxGuideWorkflow();
    broken["8"]!.inputs.samples = ["30", 0];
    await page.getByLabel("Workflow JSON").fill(JSON.stringify(broken));
    await expect(page.getByRole("list", { name: "Workflow problems" })).toContainText(
      "node 8 “VAE Decode”: input “samples” links to node 30, which does not exist.",
    );
    await page.getByLabel("Name", { exact: true }).fill("Broken flux");
    await expect(page.getByRole("button", { name: "Save workflow" })).toBeDisabled();

    // Not JSON, and JSON that is not a workflow, say so.
    await page.getByLabel("Workflow JSON").fill("{ oops");
    await expect(page.getByText(/This is not valid JSON/)).toBeVisible();
    await page.getByLabel("Workflow JSON").fill('{"prompt": "a cat"}');
    await expect(page.getByText(/This JSON is not a ComfyUI workflow/)).toBeVisible();
  });

  test("a 2 × 2 sweep sends four jobs and fills a grid of four images", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page);
    await importByPaste(page, uniqueName("Sweep"), JSON.stringify(guideWorkflow()));
    await chooseEndpoint(page, comfyName);
    await page.getByLabel("Run every combination of seeds × prompts").check();
    await page.getByLabel("Seeds", { exact: true }).fill("1, 2");
    await page.getByLabel("Prompts, one per line").fill("a red cube\na blue sphere");
    await page.getByRole("button", { name: "Run 4 jobs" }).click();
    await expect(page.getByRole("heading", { name: "Sweep · 4 jobs" })).toBeVisible();
    const grid = page.getByRole("table", { name: "Sweep results" });
    await expect(grid.getByRole("rowheader")).toHaveText(["a red cube", "a blue sphere"]);
    await expect(grid.getByRole("columnheader")).toHaveText(["Prompt \\ seed", "1", "2"]);
    await expect(grid.getByRole("img")).toHaveCount(4, { timeout: 90_000 });
    await expect(grid.getByRole("link", { name: "Result for a blue sphere, seed 2" }).getByRole("img")).toBeVisible();
    // Four different pictures (prompt and seed both change the picture).
    const sources = await grid
      .getByRole("img")
      .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src));
    expect(new Set(sources).size).toBe(4);
  });

  test("?from=<job>, gallery Rerun and Recent runs pre-fill the form with that run's prompt and random seed", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signIn(page);
    const url = await importByPaste(page, uniqueName("Rerun"), JSON.stringify(guideWorkflow()));
    await chooseEndpoint(page, comfyName);
    await page.getByLabel("Prompt", { exact: true }).fill("a violet teapot");
    await page.getByLabel("Randomise each run").check();
    await expect(page.getByLabel("Seed", { exact: true })).toBeDisabled();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const result = page.getByRole("list", { name: "Run results" }).getByRole("listitem").first();
    await expect(result.getByText(/^seed \d+$/)).toBeVisible();
    const seed = (await result.getByText(/^seed \d+$/).textContent())!.replace("seed ", "");
    expect(seed).not.toBe("42");
    const href = await result.getByRole("link", { name: /^Job / }).getAttribute("href");
    const jobId = href!.split("/").pop()!;

    await page.goto("/workflows");
    await page.goto(`${url}?from=${jobId}`);
    await expect(page.getByRole("status").filter({ hasText: "The form holds the inputs of job" })).toBeVisible();
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a violet teapot");
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue(seed);
    await expect(page.getByLabel("Randomise each run")).not.toBeChecked();

    // So does "Rerun with these inputs" in the lightbox of the workflow's gallery tab.
    await page.goto(url);
    await page.getByRole("navigation", { name: "Workflow views" }).getByRole("link", { name: "Gallery" }).click();
    await page.waitForURL(/\/gallery$/);
    const grid = page.getByRole("list", { name: "Outputs" });
    await expect(grid.getByRole("listitem")).toHaveCount(1, { timeout: 30_000 });
    await grid.getByRole("button", { name: /^Open / }).click();
    const details = page
      .getByRole("dialog", { name: "Output viewer" })
      .getByRole("complementary", { name: "Output details" });
    await expect(details).toContainText("a violet teapot");
    await details.getByRole("link", { name: "Rerun with these inputs" }).click();
    await page.waitForURL(new RegExp(`\\?from=${jobId}$`));
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a violet teapot");
    await expect(page.getByLabel("Seed", { exact: true })).toHaveValue(seed);

    // The recent runs list links the same way.
    await page.goto(url);
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a red apple on a table");
    await page
      .getByRole("list", { name: "Recent runs" })
      .getByRole("link", { name: "Use these inputs" })
      .first()
      .click();
    await expect(page.getByLabel("Prompt", { exact: true })).toHaveValue("a violet teapot");
  });

  test("versions: a new graph is saved as v2, the difference is listed, and the curated form carries over", async ({
    page,
  }) => {
    await signIn(page);
    await importByPaste(page, uniqueName("Versions"), JSON.stringify(guideWorkflow()));
    await page.getByRole("button", { name: "Customize form" }).click();
    await page.getByRole("group", { name: "Curate Negative prompt (7.inputs.text)" }).getByLabel("Hide").check();
    await page.getByLabel("Label for 6.inputs.text").fill("What to draw");
    await page.getByLabel("Label for 6.inputs.text").blur();
    await page.getByRole("button", { name: "Save layout" }).click();
    await expect(page.getByText("Form layout saved.")).toBeVisible();
    await expect(page.getByLabel("Negative prompt")).toHaveCount(0);

    const next = guideWorkflow();
    next["6"]!.inputs.text = "a pear";
    next["3"]!.inputs.steps = 20;
    await page.getByRole("button", { name: "Save a new version…" }).click();
    await page.getByLabel("New graph (API format)").fill(JSON.stringify(next));
    await page.getByLabel("What changed (optional)").fill("pear, more steps");
    await page.getByRole("button", { name: "Save version 2" }).click();
    await expect(page.getByRole("list", { name: "Versions" }).getByRole("listitem")).toHaveCount(2);
    await expect(page.getByRole("heading", { name: "Inputs v2" })).toBeVisible();
    const changes = page.getByRole("list", { name: "Changes from v1 to v2" });
    await expect(changes).toContainText("3.inputs.steps");
    await expect(changes).toContainText("10 → 20");
    await expect(changes).toContainText("6.inputs.text");
    await page.reload();
    await expect(page.getByLabel("What to draw")).toHaveValue("a pear");
    await expect(page.getByLabel("Negative prompt")).toHaveCount(0);
  });

  test("an image for LoadImage is uploaded into the job's images list, measured against the 4 MiB budget", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signIn(page);
    const graph = guideWorkflow();
    graph["10"] = {
      class_type: "LoadImage",
      inputs: { image: "example.png", upload: "image" },
      _meta: { title: "Load Image" },
    };
    await importByPaste(page, uniqueName("Img2img"), JSON.stringify(graph));
    const meter = page.getByRole("meter", { name: "Request size" });
    const before = Number(await meter.getAttribute("aria-valuenow"));
    await page
      .getByLabel("Input image")
      .setInputFiles({ name: "my pixel.png", mimeType: "image/png", buffer: Buffer.from(ONE_PIXEL_PNG, "base64") });
    await expect(page.getByRole("img", { name: "Chosen image my_pixel.png" })).toBeVisible();
    await expect.poll(async () => Number(await meter.getAttribute("aria-valuenow"))).toBeGreaterThan(before + 60);
    await chooseEndpoint(page, comfyName);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const result = page.getByRole("list", { name: "Run results" }).getByRole("listitem").first();
    await result.getByRole("link", { name: /^Job / }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    const input = page.getByRole("list", { name: "Input", exact: true });
    await expect(input).toContainText('"name": "my_pixel.png"');
    await expect(input).toContainText('"image": "my_pixel.png"');
  });

  test("screenshots: the library, the form with its graph, a sweep grid — light and dark, 1440 and 390 px", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page);
    const url = await importByPaste(page, uniqueName("Flux fairy dog"), JSON.stringify(fluxGuideWorkflowForShots()));
    const shoot = async (name: string, width: number, scheme: string) => {
      await page.screenshot({ path: `test-results/screens/workflows-${name}-${width}-${scheme}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${width} px`).toBeLessThanOrEqual(0);
    };
    for (const scheme of ["light", "dark"] as const) {
      for (const width of [1440, 390]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await page.goto("/workflows");
        await expect(page.getByRole("list", { name: "Workflows" })).toBeVisible();
        await shoot("library", width, scheme);
        await page.goto(url);
        await expect(page.locator('[data-node-id="41"]')).toBeVisible();
        await page.getByLabel("Prompt (CLIP-L)").hover();
        await shoot("form", width, scheme);
      }
    }
    await page.goto(url);
    await chooseEndpoint(page, comfyName);
    await page.getByLabel("Run every combination of seeds × prompts").check();
    await page.getByLabel("Seeds", { exact: true }).fill("1, 2, 3");
    await page.getByLabel("Prompts, one per line").fill("a fairy dog among glass roses\na fire fox in the snow");
    await page.getByRole("button", { name: "Run 6 jobs" }).click();
    const grid = page.getByRole("table", { name: "Sweep results" });
    await expect(grid.getByRole("img")).toHaveCount(6, { timeout: 120_000 });
    for (const scheme of ["light", "dark"] as const) {
      for (const width of [1440, 390]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 900 });
        await grid.scrollIntoViewIfNeeded();
        await shoot("sweep", width, scheme);
      }
    }
  });
});

const ONE_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** The Flux workflow at a size the sandbox renders quickly, so the screenshots' sweep does not wait long. */
function fluxGuideWorkflowForShots() {
  const graph = fluxGuideWorkflow();
  graph["27"]!.inputs.width = 512;
  graph["27"]!.inputs.height = 512;
  graph["31"]!.inputs.steps = 8;
  return graph;
}
