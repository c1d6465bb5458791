import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/accounts";
import { SandboxManagement, uniqueName } from "./support/endpoints-sandbox";

/**
 * The team story: an admin invites an operator and a viewer, each joins through the link in their own browser,
 * each can do what their role allows and nothing more, the admin removes the operator (whose open session dies),
 * and the audit log — and its CSV export — shows all of it. Then five wrong passwords lock an account.
 */
test.describe("a team shares one console", () => {
  test.describe.configure({ mode: "serial" });

  const run = uniqueName("team");
  const OPERATOR = {
    name: "Otto Operator",
    email: `otto-${run}@example.com`,
    password: "operator password 1",
    role: "operator",
  };
  const VIEWER = {
    name: "Vera Viewer",
    email: `vera-${run}@example.com`,
    password: "viewer password 1",
    role: "viewer",
  };
  const links: Record<string, string> = {};
  const pages: Record<string, Page> = {};
  let admin: Page;
  let sandbox: SandboxManagement;
  let endpointId: string;
  const endpointName = uniqueName("team-echo");

  test.beforeAll(async ({ browser }) => {
    sandbox = SandboxManagement.ofTestServer();
    endpointId = await sandbox.createEndpoint(endpointName, { image: "example/echo-worker:1" });
    admin = await (await browser.newContext()).newPage();
    await signIn(admin);
  });

  test.afterAll(async () => {
    if (endpointId && (await sandbox.getEndpoint(endpointId))) await sandbox.deleteEndpoint(endpointId);
  });

  async function newPage(browser: Browser): Promise<Page> {
    return (await browser.newContext()).newPage();
  }

  test("the admin invites an operator and a viewer and copies each single-use link", async () => {
    await admin.goto("/settings");
    const sections = admin.getByRole("navigation", { name: "Settings sections" });
    for (const label of ["Profile", "Members", "Connection", "Audit log"])
      await expect(sections.getByRole("link", { name: label })).toBeVisible();
    await sections.getByRole("link", { name: "Members" }).click();
    await expect(admin).toHaveURL(/\/settings\/members$/);
    await expect(admin.getByRole("table", { name: "Members" })).toContainText(ADMIN.email);

    const form = admin.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill("not an email");
    await form.getByRole("button", { name: "Create invite link" }).click();
    await expect(form.getByText("Enter a valid email address.")).toBeVisible();
    await form.getByLabel("Email").fill(ADMIN.email);
    await form.getByRole("button", { name: "Create invite link" }).click();
    await expect(form.getByText(`${ADMIN.email} is already a member of this console.`)).toBeVisible();

    for (const member of [OPERATOR, VIEWER]) {
      await form.getByLabel("Email").fill(member.email);
      await form.getByLabel("Role").selectOption(member.role);
      await form.getByRole("button", { name: "Create invite link" }).click();
      const made = admin.getByRole("region", { name: "New invite link" });
      await expect(made).toContainText(`Invite link for ${member.email} (${member.role})`);
      await expect(made.getByRole("button", { name: "Copy invite link" })).toBeVisible();
      links[member.role] = await made.getByRole("textbox", { name: "Invite link" }).inputValue();
      expect(links[member.role]).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    }
    const pending = admin.getByRole("table", { name: "Pending invites" });
    await expect(pending).toContainText(OPERATOR.email);
    await expect(pending).toContainText(VIEWER.email);
  });

  test("invitees set a name and password via the link, are signed in with the invited role; used links say so", async ({
    browser,
  }) => {
    for (const member of [OPERATOR, VIEWER]) {
      const page = await newPage(browser);
      await page.goto(links[member.role]!);
      await expect(page.getByRole("heading", { name: "Join the console" })).toBeVisible();
      await expect(page.getByText(member.email, { exact: true })).toBeVisible();
      await expect(page.getByText(`You were invited as ${member.role}`)).toBeVisible();
      await page.getByLabel("Name").fill(member.name);
      await page.getByLabel("Password", { exact: true }).fill("too short");
      await page.getByLabel("Password again").fill("different");
      await page.getByRole("button", { name: "Create account and sign in" }).click();
      await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
      await expect(page.getByText("The two passwords differ.")).toBeVisible();
      await page.getByLabel("Password", { exact: true }).fill(member.password);
      await page.getByLabel("Password again").fill(member.password);
      await page.getByRole("button", { name: "Create account and sign in" }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole("button", { name: `Account: ${member.name}` })).toBeVisible();
      pages[member.role] = page;
    }
    const again = await newPage(browser);
    await again.goto(links.operator!);
    await expect(again.getByRole("heading", { name: "Invite already used" })).toBeVisible();
    await expect(again.getByText("This invite link has already been used.")).toBeVisible();
    await again.goto("/invite/made-up-token");
    await expect(again.getByRole("heading", { name: "Invite not valid" })).toBeVisible();
    await again.context().close();

    await admin.reload();
    await expect(admin.getByRole("table", { name: "Pending invites" })).toHaveCount(0);
    await expect(admin.getByText("No pending invites.")).toBeVisible();
    const members = admin.getByRole("table", { name: "Members" });
    await expect(members.getByLabel(`Role of ${OPERATOR.name}`)).toHaveValue("operator");
    await expect(members.getByLabel(`Role of ${VIEWER.name}`)).toHaveValue("viewer");
  });

  test("a revoked invite link is worthless at once", async ({ browser }) => {
    await admin.goto("/settings/members");
    const form = admin.getByRole("form", { name: "Invite a member" });
    const email = `revoked-${run}@example.com`;
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Create invite link" }).click();
    const link = await admin
      .getByRole("region", { name: "New invite link" })
      .getByRole("textbox", { name: "Invite link" })
      .inputValue();
    await admin.getByRole("button", { name: `Revoke the invite for ${email}` }).click();
    await expect(admin.getByText(`Revoked the invite for ${email}.`)).toBeVisible();
    await expect(admin.getByText("No pending invites.")).toBeVisible();

    const page = await newPage(browser);
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Invite revoked" })).toBeVisible();
    await expect(page.getByText("This invite link was revoked by an administrator.")).toBeVisible();
    await page.context().close();
  });

  test("a viewer sees no create or send buttons and cannot open the send form, members' controls or audit log", async ({
    playwright,
    baseURL,
  }) => {
    const viewer = pages.viewer!;
    await viewer.goto("/endpoints");
    await expect(viewer.getByRole("link", { name: endpointName, exact: true })).toBeVisible();
    await expect(viewer.getByRole("link", { name: "Create endpoint" })).toHaveCount(0);
    await viewer.goto("/jobs");
    await expect(viewer.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
    await expect(viewer.getByRole("link", { name: "Send job" })).toHaveCount(0);
    await viewer.goto(`/jobs/new?endpoint=${endpointId}`);
    await expect(viewer.getByRole("heading", { name: "Your role cannot do this" })).toBeVisible();

    await viewer.goto("/settings/members");
    await expect(viewer.getByRole("table", { name: "Members" })).toContainText(ADMIN.email);
    await expect(viewer.getByRole("form", { name: "Invite a member" })).toHaveCount(0);
    await expect(viewer.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await expect(
      viewer.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Audit log" }),
    ).toHaveCount(0);
    await viewer.goto("/settings/audit");
    await expect(viewer.getByRole("heading", { name: "Your role cannot do this" })).toBeVisible();

    const api = await playwright.request.newContext({ baseURL, storageState: await viewer.context().storageState() });
    expect((await api.get("/api/audit/export")).status()).toBe(403);
    await api.dispose();
  });

  test("the operator sends a job but has no way to delete an endpoint", async () => {
    const operator = pages.operator!;
    await operator.goto(`/jobs/new?endpoint=${endpointId}`);
    await operator.getByRole("button", { name: "Send job" }).click();
    await operator.waitForURL(/\/jobs\/(?!new)[^/?]+$/);
    await expect(operator.getByRole("status", { name: /^Status:/ })).toBeVisible();

    await operator.goto(`/endpoints/${endpointId}?tab=danger`);
    await expect(operator.getByRole("heading", { name: endpointName, level: 1 })).toBeVisible();
    await expect(operator.getByRole("tab", { name: "Danger zone" })).toHaveCount(0);
    await expect(operator.getByRole("button", { name: "Delete endpoint" })).toHaveCount(0);
  });

  test("the last admin cannot self-demote; the admin changes a role, removes the operator (session ends)", async () => {
    await admin.goto("/settings/members");
    const members = admin.getByRole("table", { name: "Members" });
    await members.getByLabel(`Role of ${ADMIN.name}`).selectOption("viewer");
    await expect(
      admin.getByText("The console needs at least one administrator. Make someone else an admin first."),
    ).toBeVisible();
    await expect(members.getByLabel(`Role of ${ADMIN.name}`)).toHaveValue("admin");

    await members.getByLabel(`Role of ${VIEWER.name}`).selectOption("operator");
    await expect(admin.getByText(`${VIEWER.name} is now an operator.`)).toBeVisible();
    await members.getByLabel(`Role of ${VIEWER.name}`).selectOption("viewer");
    await expect(admin.getByText(`${VIEWER.name} is now a viewer.`)).toBeVisible();

    const operator = pages.operator!;
    await operator.goto("/jobs");
    await expect(operator.getByRole("link", { name: "Send job" })).toBeVisible();

    await members.getByRole("button", { name: `Remove ${OPERATOR.name}` }).click();
    const dialog = admin.getByRole("dialog", { name: `Remove ${OPERATOR.name}?` });
    await dialog.getByRole("button", { name: "Remove member" }).click();
    await expect(admin.getByText(`Removed ${OPERATOR.name}. Their sessions have ended.`)).toBeVisible();
    await expect(members).not.toContainText(OPERATOR.email);

    // The operator's browser is still open; its next navigation finds no session.
    await operator.getByRole("link", { name: "Endpoints" }).first().click();
    await expect(operator).toHaveURL(/\/login/);
    await expect(operator.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await operator.getByLabel("Email").fill(OPERATOR.email);
    await operator.getByLabel("Password").fill(OPERATOR.password);
    await operator.getByRole("button", { name: "Sign in" }).click();
    await expect(operator.getByText("Wrong email or password. Check both and try again.")).toBeVisible();
  });

  test("the audit log shows all of it, filters in the URL, and exports the same rows as CSV", async () => {
    await admin.goto("/settings/audit");
    const log = admin.getByRole("table", { name: "Audit log" });
    for (const action of [
      "member.invite",
      "invite.accept",
      "invite.revoke",
      "member.role",
      "member.remove",
      "job.send",
      "auth.sign-in",
    ]) {
      await expect(log.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
    }
    const removal = log
      .getByRole("row")
      .filter({ has: admin.getByRole("cell", { name: "member.remove", exact: true }) })
      .first();
    await removal.getByText("Show change").click();
    await expect(removal).toContainText(`"email": "${OPERATOR.email}"`);
    await expect(removal).toContainText('"role": "operator"');

    const filters = admin.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Action").selectOption("member.role");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(admin).toHaveURL(/action=member\.role/);
    await expect(log.getByRole("row")).toHaveCount(1 + 3); // header + the refused demotion + two changes
    await expect(log.getByRole("cell", { name: "failed" })).toHaveCount(1);

    await filters.getByLabel("Action").selectOption("");
    await filters.getByLabel("Person").fill(ADMIN.email);
    await filters.getByRole("button", { name: "Apply" }).click();
    const download = admin.waitForEvent("download");
    await admin.getByRole("link", { name: "Export CSV" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,at,actor_email,actor_name,action,target_type,target_id,result,error,before,after");
    for (const action of ["member.invite", "member.role", "member.remove"]) expect(csv).toContain(`,${action},`);
    expect(lines.slice(1).every((line) => line.includes(ADMIN.email))).toBe(true);
    // Only the admin's rows: the operator's job.send is filtered out (other specs' admin rows may be there too).
    for (const line of lines.slice(1)) expect(line.split(",")[2]).toBe(ADMIN.email);
  });

  test("changing the password needs the current one and signs out the member's other browsers", async ({ browser }) => {
    const elsewhere = pages.viewer!;
    await elsewhere.goto("/jobs");
    await expect(elsewhere.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();

    const page = await newPage(browser);
    await signIn(page, VIEWER, "/login?next=%2Fsettings");
    const form = page.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password", { exact: true }).fill("viewer password 2");
    await form.getByLabel("New password again").fill("viewer password 2");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("The current password is wrong.")).toBeVisible();

    await form.getByLabel("Current password").fill(VIEWER.password);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. Your other sessions have been signed out.")).toBeVisible();
    VIEWER.password = "viewer password 2";

    // This browser stays signed in; the other one is sent to sign in.
    await page.getByRole("link", { name: "Jobs" }).first().click();
    await expect(page.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
    await elsewhere.getByRole("link", { name: "Endpoints" }).first().click();
    await expect(elsewhere).toHaveURL(/\/login/);
    await page.context().close();
  });

  test("five wrong passwords in a row lock the account for the rest of the window, with a clear message", async ({
    browser,
  }) => {
    const page = await newPage(browser);
    await page.goto("/login");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel("Email").fill(VIEWER.email);
      await page.getByLabel("Password").fill(`wrong password ${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      const expected =
        attempt < 5
          ? "Wrong email or password. Check both and try again."
          : "Too many attempts — try again in 15 minutes.";
      await expect(page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
    }
    // Even the right password is refused now, without being checked.
    await page.getByLabel("Password").fill(VIEWER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: /Too many attempts — try again in 1[45] minutes\./ }),
    ).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await page.context().close();

    await admin.goto("/settings/audit?action=auth.sign-in");
    await expect(
      admin.getByRole("table", { name: "Audit log" }).getByText("Refused: too many failed attempts").first(),
    ).toBeVisible();
  });
});
