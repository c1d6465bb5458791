import { expect, test } from "@playwright/test";
import { spawnConsole, waitForExit } from "./support/server";

test("a bad configuration value stops startup with one line naming the variable", async () => {
  const server = spawnConsole(3102, { SANDBOX_PORT: "99999", NOVITA_API_BASE_URL: "ftp://nope" });
  try {
    expect(await waitForExit(server)).toBe(1);
    const errorLines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("Invalid configuration"));
    expect(errorLines).toEqual([
      "Invalid configuration: NOVITA_API_BASE_URL must be an http(s) URL, e.g. https://example.com/path; " +
        "SANDBOX_PORT must be a whole number from 1 to 65535",
    ]);
  } finally {
    await server.stop();
  }
});

test("half of the unattended-admin pair is refused at startup", async () => {
  const server = spawnConsole(3103, { ADMIN_EMAIL: "ops@example.com" });
  try {
    expect(await waitForExit(server)).toBe(1);
    expect(server.output()).toContain("Invalid configuration: ADMIN_PASSWORD must be set together with ADMIN_EMAIL");
  } finally {
    await server.stop();
  }
});
