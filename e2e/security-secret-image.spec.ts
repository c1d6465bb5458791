import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

type WireEndpoint = { image: { image: string; command?: string }; envs: { key: string; value: string }[] };

/**
 * Issue 12: secret env values are hidden from operators, yet an operator could point the endpoint at an image of their
 * choice and keep the hidden values — the new image would run with the secret. While an endpoint's settings keep
 * hidden values, only an admin may change the image, the start command or BUCKET_ENDPOINT_URL.
 */
test.describe("hidden secrets stay with the image an admin chose", () => {
  test.describe.configure({ mode: "serial" });

  const run = uniqueName("secret-image");
  const OPERATOR = { name: "Oona Operator", email: `oona-${run}@example.com`, password: "operator password 1" };
  const secret = `hf_${randomBytes(12).toString("hex")}`;
  let sandbox: SandboxManagement;
  let endpointId: string;
  let operator: Page;

  const wire = async () => (await sandbox.getEndpoint(endpointId)) as unknown as WireEndpoint;

  test.beforeAll(async ({ browser }) => {
    sandbox = SandboxManagement.ofTestServer();
    endpointId = await sandbox.createEndpoint(uniqueName("secret-image"), {
      image: "team/worker:1",
      env: [
        { key: "HF_TOKEN", value: secret },
        { key: "BUCKET_ENDPOINT_URL", value: "https://s3.eu-west-1.amazonaws.com" },
        { key: "MODEL", value: "sdxl" },
      ],
    });
    operator = await joinAsOperator(browser);
  });

  test.afterAll(async () => {
    await operator?.context().close();
    if (endpointId) await sandbox.deleteEndpoint(endpointId).catch(() => undefined);
  });

  /** The admin invites an operator; the operator joins through the link in a browser of their own. */
  async function joinAsOperator(browser: Browser): Promise<Page> {
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin);
    await admin.goto("/settings/members");
    const form = admin.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill(OPERATOR.email);
    await form.getByLabel("Role").selectOption("operator");
    await form.getByRole("button", { name: "Create invite link" }).click();
    const link = await admin
      .getByRole("region", { name: "New invite link" })
      .getByRole("textbox", { name: "Invite link" })
      .inputValue();
    await admin.context().close();

    const page = await (await browser.newContext()).newPage();
    await page.goto(link);
    await page.getByLabel("Name").fill(OPERATOR.name);
    await page.getByLabel("Password", { exact: true }).fill(OPERATOR.password);
    await page.getByLabel("Password again").fill(OPERATOR.password);
    await page.getByRole("button", { name: "Create account and sign in" }).click();
    await expect(page.getByRole("button", { name: `Account: ${OPERATOR.name}` })).toBeVisible();
    return page;
  }

  async function saveReviewed(page: Page) {
    const editor = page.getByRole("form", { name: "Endpoint settings" });
    await editor.getByRole("button", { name: "Review changes" }).click();
    await page
      .getByRole("dialog", { name: "Save these changes?" })
      .getByRole("button", { name: "Save changes" })
      .click();
  }

  test("an operator finds the image and start command locked, with reasons; other settings stay editable", async () => {
    await operator.goto(`/endpoints/${endpointId}?tab=settings`);
    const editor = operator.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Variable 1 name")).toHaveValue("HF_TOKEN");
    await expect(editor.getByLabel("Image address")).toHaveValue("team/worker:1");
    await expect(editor.getByLabel("Image address")).toBeDisabled();
    await expect(editor.getByLabel("Image address")).toHaveAccessibleDescription(
      "Only an admin can change the image while this endpoint holds hidden secret values.",
    );
    await expect(editor.getByLabel("Start command")).toBeDisabled();
    await expect(
      editor.getByText("Only an admin can change the start command while this endpoint holds hidden secret values."),
    ).toBeVisible();
    await expect(editor.getByLabel("Variable 2 value")).toBeDisabled();
    await expect(
      editor.getByText("Only an admin can change BUCKET_ENDPOINT_URL while this endpoint holds hidden secret values."),
    ).toBeVisible();
    await expect(editor.getByRole("spinbutton", { name: "Max workers", exact: true })).toBeEnabled();
    await expect(editor.getByLabel("Variable 3 value")).toBeEnabled();
    await editor.getByLabel("Image address").scrollIntoViewIfNeeded();
    await operator.screenshot({ path: "test-results/screens/endpoint-secret-image-locked-1440-light.png" });
  });

  test("an update forced past the lock is refused by the server, names the field and changes nothing", async () => {
    await operator.goto(`/endpoints/${endpointId}?tab=settings`);
    const editor = operator.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Image address")).toBeDisabled();
    // What a person could do with the browser's developer tools: lift the lock and type another image.
    await editor.evaluate((form) =>
      form.querySelectorAll("fieldset[disabled]").forEach((fieldset) => fieldset.removeAttribute("disabled")),
    );
    await editor.getByLabel("Image address").fill("evil/exfiltrate:1");
    await editor.getByRole("spinbutton", { name: "Max workers", exact: true }).fill("3");
    await saveReviewed(operator);
    await expect(editor.getByRole("alert").filter({ hasText: "Nothing was saved." })).toContainText(
      "Only an admin can change the image, start command or BUCKET_ENDPOINT_URL " +
        "while this endpoint holds hidden secret values (HF_TOKEN).",
    );
    await expect(
      editor.getByText("Only an admin can change the image while this endpoint holds hidden secret values (HF_TOKEN)."),
    ).toBeVisible();
    const after = await wire();
    expect(after.image.image).toBe("team/worker:1");
    expect(after.envs).toContainEqual({ key: "HF_TOKEN", value: secret });
  });

  test("removing the hidden value lifts the lock: without it there is nothing to move", async () => {
    await operator.goto(`/endpoints/${endpointId}?tab=settings`);
    const editor = operator.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Image address")).toBeDisabled();
    await editor.getByRole("button", { name: "Remove HF_TOKEN" }).click();
    await expect(editor.getByLabel("Image address")).toBeEnabled();
    await expect(
      editor.getByText("Only an admin can change the image while this endpoint holds hidden secret values."),
    ).toHaveCount(0);
    // Not saved: the reset brings the hidden value and the lock back.
    await editor.getByRole("button", { name: "Reset", exact: true }).click();
    await expect(editor.getByLabel("Variable 1 name")).toHaveValue("HF_TOKEN");
    await expect(editor.getByLabel("Variable 3 name")).toHaveValue("MODEL");
    await expect(editor.getByLabel("Image address")).toBeDisabled();
  });

  test("an admin changes the image, and the secret stays with it", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto(`/endpoints/${endpointId}?tab=settings`);
    const editor = page.getByRole("form", { name: "Endpoint settings" });
    await expect(editor.getByLabel("Image address")).toBeEnabled();
    await expect(editor.getByText("Only an admin can change the image")).toHaveCount(0);
    await editor.getByLabel("Image address").fill("team/worker:2");
    await saveReviewed(page);
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect.poll(async () => (await wire()).image.image).toBe("team/worker:2");
    expect((await wire()).envs).toContainEqual({ key: "HF_TOKEN", value: secret });
  });
});
