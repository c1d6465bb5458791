import { expect, type Page } from "@playwright/test";
import { fluxGuideWorkflow, guideWorkflow } from "@/lib/comfyui/examples";

export { fluxGuideWorkflow, guideWorkflow };

/** The body of the guide's curl example, as a person would copy it: `{"input": {"workflow": …, "output_node_id": "9"}}`. */
export function guideJobBody(): string {
  return JSON.stringify({ input: { workflow: guideWorkflow(), output_node_id: "9" } }, null, 2);
}

/** ComfyUI's UI "Save" file (litegraph): nodes and links, widget values without input names. */
export function uiFormatFile(): string {
  return JSON.stringify({
    last_node_id: 9,
    last_link_id: 9,
    nodes: [
      {
        id: 3,
        type: "KSampler",
        pos: [863, 186],
        inputs: [{ name: "model", type: "MODEL", link: 1 }],
        widgets_values: [156680208700286, "randomize", 20, 8, "euler", "normal", 1],
      },
      {
        id: 9,
        type: "SaveImage",
        pos: [1451, 189],
        inputs: [{ name: "images", type: "IMAGE", link: 9 }],
        widgets_values: ["ComfyUI"],
      },
    ],
    links: [[1, 4, 0, 3, 0, "MODEL"]],
    groups: [],
    config: {},
    extra: {},
    version: 0.4,
  });
}

/** Imports a workflow by pasting it on /workflows and saving it; returns the workflow's page URL. */
export async function importByPaste(page: Page, name: string, text: string): Promise<string> {
  await page.goto("/workflows");
  await page.getByLabel("Workflow JSON").fill(text);
  await expect(page.getByText(/API format, \d+ nodes, all links resolve/)).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Save workflow" }).click();
  await page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url();
}

export async function chooseEndpoint(page: Page, name: string) {
  await page.getByLabel("Endpoint", { exact: true }).click();
  await page.getByRole("option", { name: new RegExp(name) }).click();
}
