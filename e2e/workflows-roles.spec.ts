import { expect, test } from "@playwright/test";
import { rolesConsole } from "./support/roles-console";
import { OPERATOR, VIEWER } from "./support/users";
import { guideWorkflow } from "./support/workflows";

const BOOT_ADMIN = { name: "Flow Admin", email: "flow-admin@example.com", password: "flow admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 9;

test.describe("who may do what with workflows", () => {
  const server = rolesConsole({ name: "workflow-roles", port, admin: BOOT_ADMIN });

  test("an operator imports a workflow; a viewer sees form and graph but cannot import, curate, save or run", async ({
    browser,
  }) => {
    // A console of its own: its library and gallery start empty, and say what will appear there.
    const operator = await server.signedIn(browser, OPERATOR);
    await operator.goto(`${server.baseURL}/gallery`);
    await expect(operator.getByText("No outputs yet", { exact: true })).toBeVisible();
    await operator.goto(`${server.baseURL}/workflows`);
    await expect(operator.getByText("No workflows yet", { exact: true })).toBeVisible();
    await operator.getByLabel("Workflow JSON").fill(JSON.stringify(guideWorkflow()));
    await operator.getByLabel("Name", { exact: true }).fill("Team apple");
    await operator.getByRole("button", { name: "Save workflow" }).click();
    await operator.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
    const url = operator.url();
    await expect(operator.getByRole("button", { name: "Run", exact: true })).toBeVisible();
    await operator.context().close();

    const viewer = await server.signedIn(browser, VIEWER);
    await viewer.goto(`${server.baseURL}/workflows`);
    await expect(viewer.getByRole("link", { name: /Team apple/ })).toBeVisible();
    await expect(viewer.getByRole("form", { name: "Import a workflow" })).toHaveCount(0);
    await viewer.goto(url);
    await expect(viewer.getByLabel("Prompt", { exact: true })).toHaveValue("a red apple on a table");
    await expect(viewer.getByRole("group", { name: /Workflow graph: 7 nodes/ })).toBeVisible();
    await expect(viewer.getByText("Viewers can look at the form; running needs the operator role.")).toBeVisible();
    await expect(viewer.getByRole("button", { name: /^Run/ })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Customize form" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Save a new version…" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: "Make default" })).toHaveCount(0);
    await viewer.context().close();
  });
});
