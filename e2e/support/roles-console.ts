import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { signIn } from "./accounts";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "./server";
import { insertMember, OPERATOR, VIEWER, type TestMember } from "./users";

const NO_POSTGRES =
  "TEST_DATABASE_URL is not set: viewers and operators are inserted into Postgres " +
  "(npm test starts one when its binaries are installed)";

/** The console a role spec runs against (read inside tests and hooks, once its `beforeAll` has started it). */
export interface RolesConsole {
  readonly baseURL: string;
  readonly dataDir: string;
  /** A page in a new browser context, signed in as `member`. */
  signedIn(browser: Browser, member: Pick<TestMember, "email" | "password" | "name">): Promise<Page>;
}

export interface RolesConsoleOptions {
  /** Names the new database (`e2e_<name>_<time>`, dashes as underscores) and DATA_DIR (`console-<name>-…`). */
  name: string;
  port: number;
  /** The administrator the console bootstraps (ADMIN_EMAIL, ADMIN_PASSWORD). */
  admin: { email: string; password: string };
}

/**
 * For the describe block of a spec about roles: skipped without TEST_DATABASE_URL, run serially, around a console
 * of its own (on `port`, its sandbox on port + 1000) on a new Postgres database that holds the bootstrap admin,
 * VIEWER and OPERATOR; afterwards the server is stopped and its database and DATA_DIR removed.
 */
export function rolesConsole(options: RolesConsoleOptions): RolesConsole {
  const serverUrl = process.env.TEST_DATABASE_URL;
  test.skip(!serverUrl, NO_POSTGRES);
  test.describe.configure({ mode: "serial" });

  let server: ConsoleServer;
  let dataDir: string;
  let databaseName: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    databaseName = `e2e_${options.name.replaceAll("-", "_")}_${Date.now()}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    dataDir = mkdtempSync(path.join(tmpdir(), `console-${options.name}-`));
    server = spawnConsole(options.port, {
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      ADMIN_EMAIL: options.admin.email,
      ADMIN_PASSWORD: options.admin.password,
    });
    await waitForHealthy(server);
    const database = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await insertMember(database, VIEWER);
    await insertMember(database, OPERATOR);
    await database.end();
  });

  test.afterAll(async () => {
    await server?.stop();
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get baseURL() {
      return server.baseURL;
    },
    get dataDir() {
      return dataDir;
    },
    async signedIn(browser, member) {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, { ...member }, `${server.baseURL}/login`);
      return page;
    },
  };
}
