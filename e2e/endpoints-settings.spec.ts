import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

// The details page (built beside this editor) mounts EndpointSettingsEditor in its Settings tab; until it does,
// there is no page to tell this story through.
const settingsTab = readFileSync(
  path.resolve(__dirname, "..", "components/endpoints/details/settings-tab.tsx"),
  "utf8",
);
const editorMounted = settingsTab.includes("EndpointSettingsEditor");

test.describe("edit an endpoint's settings", () => {
  test.skip(!editorMounted, "the details page's Settings tab does not render EndpointSettingsEditor yet");

  let sandbox: SandboxManagement;
  let id: string;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    id = await sandbox.createEndpoint(uniqueName("settings"), { image: "example/echo:latest", minNum: 0, maxNum: 2 });
  });
  test.afterAll(async () => {
    if (id) await sandbox.deleteEndpoint(id);
  });

  test("GPU and disk are fixed; a bad port is refused on its field; the diff is shown; Save reaches Novita", async ({
    page,
  }) => {
    await signIn(page);
    await page.goto(`/endpoints/${id}?tab=settings`);
    const editor = page.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByText("RTX 4090 24GB", { exact: false })).toBeVisible();
    await expect(editor.getByText("fixed after creation")).toHaveCount(2);

    await editor.getByRole("button", { name: "Review changes" }).click();
    const dialog = page.getByRole("dialog", { name: "Save these changes?" });
    await expect(dialog).toContainText("Nothing changed");
    await expect(dialog.getByRole("button", { name: "Nothing changed" })).toBeDisabled();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await editor.getByRole("spinbutton", { name: "HTTP port", exact: true }).fill("2222");
    await editor.getByRole("button", { name: "Review changes" }).click();
    await expect(editor.getByRole("spinbutton", { name: "HTTP port", exact: true })).toHaveAccessibleDescription(
      "Ports 2222, 2223 and 2224 are reserved by Novita.",
    );
    await expect(dialog).toBeHidden();
    await editor.getByRole("spinbutton", { name: "HTTP port", exact: true }).fill("8080");

    await editor.getByRole("spinbutton", { name: "Max workers", exact: true }).fill("4");
    await editor.getByRole("button", { name: "Add variable" }).click();
    await editor.getByLabel("Variable 1 name").fill("API_KEY");
    await editor.getByLabel("Variable 1 value").fill("very-secret");
    await editor.getByRole("button", { name: "Review changes" }).click();
    await expect(dialog.getByRole("list", { name: "Changes" })).toContainText("Max workers");
    await expect(dialog).toContainText("2 → 4");
    await expect(dialog).toContainText("Env API_KEY");
    await expect(dialog).not.toContainText("very-secret");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();

    await expect.poll(async () => (await sandbox.getEndpoint(id))?.workerConfig.maxNum).toBe(4);
    const wire = (await sandbox.getEndpoint(id)) as unknown as {
      envs: { key: string; value: string }[];
      products: { id: string }[];
    };
    expect(wire.envs).toEqual([{ key: "API_KEY", value: "very-secret" }]);
    expect(wire.products).toEqual([{ id: "SL-serverless-1" }]);
  });
});
