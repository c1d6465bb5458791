import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/accounts";
import { SandboxManagement, uniqueName, WORKER_IMAGES } from "./support/endpoints-sandbox";
import { CONSOLE_PAGES } from "./support/pages";

/** Collects CSP violations the page reports (event and console), from before its first script runs. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const list = ((window as unknown as { __csp?: string[] }).__csp ??= []);
      list.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

async function reported(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

test.describe("security headers and the Content-Security-Policy", () => {
  let endpointId: string;
  test.beforeAll(async () => {
    endpointId = await SandboxManagement.ofTestServer().createEndpoint(uniqueName("csp-check"), {
      image: WORKER_IMAGES.echo,
    });
  });
  test.afterAll(async () => {
    await SandboxManagement.ofTestServer()
      .deleteEndpoint(endpointId)
      .catch(() => undefined);
  });

  test("every page is served with the headers, and nothing on it is blocked by the policy", async ({ page }) => {
    test.setTimeout(120_000);
    const violations = await watchCsp(page);

    const login = await page.goto("/login");
    const headers = login!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain("img-src 'self' data: blob:");
    expect(headers["content-security-policy"]).toContain("connect-src 'self'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // A fresh nonce per response.
    const again = await page.request.get("/login");
    expect(again.headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);

    await signIn(page);
    const pages = [
      ...CONSOLE_PAGES,
      `/endpoints/${endpointId}`,
      `/endpoints/${endpointId}?tab=settings`,
      `/endpoints/${endpointId}?tab=api`,
      `/jobs/new?endpoint=${endpointId}`,
    ];
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(200);
      expect(response!.headers()["content-security-policy"], path).toContain("'nonce-");
      expect(response!.headers()["x-frame-options"], path).toBe("DENY");
      await page.waitForLoadState("networkidle");
      expect(await reported(page), path).toEqual([]);
    }
    // The pages that bring their own styling machinery, exercised: CodeMirror (typing), recharts, the theme switch.
    await page.goto(`/jobs/new?endpoint=${endpointId}`);
    await page.getByLabel("Job input (JSON)").fill('{"prompt": "csp"}');
    await page.goto(`/endpoints/${endpointId}`);
    await page.getByRole("button", { name: "Theme" }).first().click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await page.getByRole("button", { name: "Theme" }).first().click();
    await page.getByRole("menuitemradio", { name: "System" }).click();
    expect(await reported(page)).toEqual([]);
    expect(violations).toEqual([]);

    // Markup that slipped into the page cannot run script: an inline event handler is refused.
    await page.evaluate(() =>
      document.body.insertAdjacentHTML(
        "beforeend",
        `<img alt="" src="/no-such-image.png" onerror="window.__injected = true">`,
      ),
    );
    await expect.poll(() => reported(page)).toContainEqual(expect.stringContaining("script-src"));
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
  });

  test("API responses carry the headers too, with a policy that runs nothing", async ({ page }) => {
    await signIn(page);
    const response = await page.request.get("/api/endpoints");
    expect(response.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    const health = await page.request.get("/api/health");
    expect(health.headers()["x-frame-options"]).toBe("DENY");
  });
});
