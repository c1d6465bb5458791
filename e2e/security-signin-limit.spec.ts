import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./support/server";

/**
 * Issue 12: with TRUSTED_PROXY_HOPS=0 (the default) the per-address sign-in limit keyed on X-Forwarded-For as the
 * client sent it, so rotating the header escaped it (40 failures → none limited) and put the invented address in
 * the audit log. A console of its own: the limit it trips holds its address for 15 minutes, which must not reach
 * the shared test server's other specs.
 */
const ADMIN = { name: "Limit Admin", email: "limit-admin@example.com", password: "limit admin password" };
const port = Number(process.env.E2E_PORT ?? 3100) + 51;
const ADDRESS_LIMIT = 30;
const ACCOUNTS = 8; // 30 failures over 8 accounts: at most 4 each, under the per-account limit of 5

test.describe("the sign-in limit per address", () => {
  let server: ConsoleServer;
  let dataDir: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = mkdtempSync(path.join(tmpdir(), "console-signin-limit-"));
    server = spawnConsole(port, {
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      TRUSTED_PROXY_HOPS: "0",
    });
    await waitForHealthy(server);
  });

  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * One sign-in through the form, sent with the X-Forwarded-For a client chose; then the form's alert says `expected`.
   */
  async function attempt(
    page: Page,
    account: { email: string; password: string },
    forwardedFor: string,
    expected: string | RegExp,
  ) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": forwardedFor });
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/login",
    );
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await expect(
      page.getByRole("alert").filter({ hasText: /Wrong email or password|Too many attempts/ }),
    ).toContainText(expected);
  }

  test("several accounts, wrong passwords, rotating X-Forwarded-For: address limit hit, real address audited", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    // The admin signs in first (a success counts against nothing) and stays signed in to read the audit log.
    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, ADMIN, `${server.baseURL}/login`);

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.baseURL}/login`);
    for (let failure = 1; failure <= ADDRESS_LIMIT; failure++) {
      const account = { email: `member-${failure % ACCOUNTS}@example.com`, password: `wrong password ${failure}` };
      // Until the 30th failure from this one connection: just a wrong password. The 30th trips the address limit.
      const expected =
        failure < ADDRESS_LIMIT ? "Wrong email or password" : /Too many attempts — try again in 1[45] minutes\./;
      await attempt(page, account, `203.0.113.${failure}`, expected);
    }
    // An account that never failed, from yet another "address": refused all the same, without the password checked.
    await attempt(page, ADMIN, "198.51.100.99", /Too many attempts/);
    await expect(page).toHaveURL(/\/login/);
    await page.context().close();

    // The audit log names the connection's address, never an address the client wrote.
    const csv = await (await admin.request.get(`${server.baseURL}/api/audit/export?action=auth.sign-in`)).text();
    expect(csv).toContain("Refused: too many failed attempts");
    expect(csv).toContain("127.0.0.1");
    expect(csv).not.toContain("203.0.113.");
    expect(csv).not.toContain("198.51.100.99");
    await admin.context().close();
  });
});
