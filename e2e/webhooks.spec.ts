import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { verifyWebhookSignature } from "../lib/webhooks/signature";
import { forEachScreen } from "./support/screens";
import { createToken, gateway, openTokensPage } from "./support/tokens";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

/** Creates the signing secret, or rotates it when an earlier story made one; returns it as the UI shows it once. */
async function createSigningSecret(page: Page) {
  await expect(page.getByRole("heading", { name: "Webhook signing secret" })).toBeVisible();
  const create = page.getByRole("button", { name: "Create signing secret" });
  if (await create.isVisible()) await create.click();
  else {
    await page.getByRole("button", { name: "Rotate signing secret" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Rotate signing secret" }).click();
  }
  const shown = page.getByRole("textbox", { name: "New signing secret" });
  await expect(shown).toHaveValue(/^whsec_/);
  await expect(page.getByText(/^Created /)).toBeVisible();
  return shown.inputValue();
}

interface Delivery {
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A receiver on loopback, on a free port: what a person's own script would run next to the console. */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      deliveries.push({ path: request.url ?? "/", body, headers: request.headers });
      response.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { deliveries, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test.describe("webhooks", () => {
  let sandbox: SandboxManagement;
  let endpointId: string;
  let endpointName: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  test.beforeAll(async () => {
    sandbox = SandboxManagement.ofTestServer();
    endpointName = uniqueName("webhook-echo");
    endpointId = await sandbox.createEndpoint(endpointName, {
      image: "example/echo-worker:1",
      minNum: 0,
      maxNum: 1,
    });
    receiver = await startReceiver();
  });
  test.afterAll(async () => {
    await receiver?.close();
    if (await sandbox.getEndpoint(endpointId)) await sandbox.deleteEndpoint(endpointId);
  });

  test("a webhook receiver on loopback (local mode) gets the signed final status; the job page shows it delivered", async ({
    page,
  }) => {
    await signIn(page);
    const token = await createToken(page, uniqueName("hook-script"));
    const secret = await createSigningSecret(page);
    // Shown once: not after a reload.
    await page.reload();
    await expect(page.getByRole("textbox", { name: "New signing secret" })).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    const webhook = `http://127.0.0.1:${receiver.port}/hook`;
    const run = await gateway(token, "POST", `/${endpointId}/run`, { input: { prompt: "tell me when done" }, webhook });
    expect(run.status).toBe(200);
    const id = String(run.json.id);

    await expect
      .poll(() => receiver.deliveries.filter((delivery) => delivery.path === "/hook").length, { timeout: 45_000 })
      .toBe(1);
    const [delivery] = receiver.deliveries;
    expect(delivery!.headers["content-type"]).toBe("application/json");
    expect(delivery!.headers["user-agent"]).toBe("novita-console-webhooks");
    expect(delivery!.headers["webhook-id"]).toBe(id);
    expect(verifyWebhookSignature(secret, { body: delivery!.body, headers: delivery!.headers })).toBe(true);
    expect(verifyWebhookSignature(secret, { body: `${delivery!.body} `, headers: delivery!.headers })).toBe(false);

    // The body is exactly the job's final status object, as the gateway's status call answers it.
    const status = await gateway(token, "GET", `/${endpointId}/status/${id}`);
    expect(status.json.status).toBe("COMPLETED");
    expect(JSON.parse(delivery!.body)).toEqual(status.json);

    await page.goto(`/jobs/${id}`);
    await expect(page.getByRole("heading", { name: "Webhook" })).toBeVisible();
    await expect(page.getByRole("main").getByText(webhook)).toBeVisible();
    await expect(page.getByRole("status", { name: "Webhook: Delivered" })).toBeVisible({ timeout: 15_000 });
    const attempts = page.getByRole("table", { name: "Webhook attempts" });
    await expect(attempts.getByRole("row")).toHaveCount(2);
    await expect(attempts.getByRole("row").nth(1)).toContainText("HTTP 200");

    await forEachScreen(page, async (scheme, width) => {
      await page.goto(`/jobs/${id}`);
      await page.getByRole("heading", { name: "Webhook" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/job-webhook-${width}-${scheme}.png` });
      await openTokensPage(page);
      await page.getByRole("heading", { name: "Webhook signing secret" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/webhook-secret-${width}-${scheme}.png` });
    });
  });

  test("a webhook to a private address is refused with 400 and nothing is sent", async ({ page }) => {
    await signIn(page);
    const token = await createToken(page, uniqueName("hook-private"));
    await createSigningSecret(page);
    const refused = await gateway(token, "POST", `/${endpointId}/run`, {
      input: { prompt: "x" },
      webhook: "http://10.0.0.1/hook",
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 400, message: expect.stringMatching(/a private address/) });
  });
  test("a person sends a job from the Send form with a webhook; a bad URL is refused under the field and sends nothing", async ({
    page,
  }) => {
    await signIn(page);
    await openTokensPage(page);
    const secret = await createSigningSecret(page);
    await page.goto("/jobs/new");
    await page.getByLabel("Endpoint", { exact: true }).click();
    await page.getByRole("option", { name: new RegExp(endpointName) }).click();
    const webhookBox = page.getByRole("textbox", { name: "Webhook URL (optional)" });

    await webhookBox.fill("ftp://example.com/hook");
    await page.getByRole("button", { name: "Send job" }).click();
    await expect(page.getByText("The webhook must be an http(s) URL, not ftp:.")).toBeVisible();
    await expect(webhookBox).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/jobs\/new/);

    const webhook = `http://127.0.0.1:${receiver.port}/from-form`;
    await webhookBox.fill(webhook);
    await expect(webhookBox).not.toHaveAttribute("aria-invalid", "true");
    await page.getByRole("button", { name: "Send job" }).click();
    await page.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    const id = page.url().split("/").pop()!;
    await expect(page.getByRole("main").getByText(webhook)).toBeVisible();
    await expect(page.getByRole("status", { name: "Webhook: Delivered" })).toBeVisible({ timeout: 45_000 });
    const delivered = receiver.deliveries.filter((delivery) => delivery.path === "/from-form");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.headers["webhook-id"]).toBe(id);
    expect(verifyWebhookSignature(secret, { body: delivered[0]!.body, headers: delivered[0]!.headers })).toBe(true);
    expect(JSON.parse(delivered[0]!.body)).toMatchObject({ id, status: "COMPLETED" });

    await forEachScreen(page, async (scheme, width) => {
      await page.goto("/jobs/new");
      await page.getByRole("textbox", { name: "Webhook URL (optional)" }).fill("http://10.0.0.1/hook");
      await page.screenshot({ path: `test-results/screens/send-webhook-${width}-${scheme}.png`, fullPage: true });
    });
  });
});
