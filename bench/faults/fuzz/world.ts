/**
 * The fuzzer's world: a seeded DATA_DIR (a person and a console token for every role, one workflow), the console
 * (`next start`) on it pointed at a sandbox process, and a caller per identity — signed out, each role signed in
 * through the real sign-in action (its cookie), each role's token, and an admin cookie sent from another site.
 */
import path from "node:path";
import { createAuth } from "@/lib/auth/auth";
import { ROLES, type Role } from "@/lib/auth/roles";
import { createUserWithPassword } from "@/lib/auth/users";
import { guideWorkflow } from "@/lib/comfyui/examples";
import { openDatabase } from "@/lib/db/client";
import { createToken } from "@/lib/tokens/service";
import { createWorkflow } from "@/lib/workflows/service";
import { spawnConsole, waitForHealthy, type ConsoleServer } from "@/e2e/support/server";
import { actionDoors } from "./doors";

export const FUZZ_SECRET = "fuzz-console-secret-0123456789abcdef-0123";
export const FUZZ_PASSWORD = "fuzz password long enough";
export const emailOf = (role: Role) => `fuzz-${role}@example.com`;

export interface World {
  dataDir: string;
  consolePort: number;
  sandboxPort: number;
  sandboxKey: string;
  tokens: Record<Role, string>;
  workflowId: string;
}

/** One identity the doors are tried as: the headers it adds to every request. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  /** The role behind it (undefined: nobody). */
  role?: Role;
}

export async function seedWorld(
  dataDir: string,
  ports: { consolePort: number; sandboxPort: number; sandboxKey: string },
): Promise<World> {
  const handle = await openDatabase({ engine: "pglite", dataDir: path.join(dataDir, "pglite") });
  try {
    const auth = createAuth(handle.db, { secret: FUZZ_SECRET, baseURL: `http://127.0.0.1:${ports.consolePort}` });
    const tokens = {} as Record<Role, string>;
    let adminId = "";
    for (const role of ROLES) {
      const person = await createUserWithPassword(auth, {
        email: emailOf(role),
        name: `Fuzz ${role}`,
        password: FUZZ_PASSWORD,
        role,
      });
      if (role === "admin") adminId = person.id;
      const owner = { id: person.id, email: person.email, name: `Fuzz ${role}`, role };
      tokens[role] = (await createToken(auth, owner, { name: `fuzz ${role}`, role, expires: "never" })).key;
    }
    const workflow = await createWorkflow(handle.db, {
      name: "fuzz workflow",
      description: "",
      graph: guideWorkflow(),
      userId: adminId,
    });
    return { dataDir, ...ports, tokens, workflowId: workflow.id };
  } finally {
    await handle.close();
  }
}

/** `next start` on the world's data, pointed at the sandbox process, healthy before it is returned. */
export async function startWorldConsole(world: World): Promise<ConsoleServer> {
  const server = spawnConsole(world.consolePort, {
    DATA_DIR: world.dataDir,
    CONSOLE_SECRET: FUZZ_SECRET,
    SANDBOX_PORT: String(world.sandboxPort),
    SANDBOX_API_KEY: world.sandboxKey,
    LOG_LEVEL: "warn",
  });
  await waitForHealthy(server);
  return server;
}

/** Signs a role in through the sign-in action, as the login form does; its session cookie. */
async function signIn(server: ConsoleServer, role: Role): Promise<string> {
  const signInDoor = actionDoors().find((door) => door.name === "signInAction")!;
  const response = await fetch(`${server.baseURL}${signInDoor.path}`, {
    method: "POST",
    headers: { "next-action": signInDoor.id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    body: JSON.stringify([{ email: emailOf(role), password: FUZZ_PASSWORD }]),
    redirect: "manual",
  });
  await response.arrayBuffer();
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .find((pair) => pair.includes("session_token="));
  if (!cookie) throw new Error(`signing ${role} in failed: HTTP ${response.status}`);
  return cookie;
}

/** Every identity: signed out, each role's cookie, each role's token, an admin's cookie from another site. */
export async function callersOf(server: ConsoleServer, world: World): Promise<Caller[]> {
  const callers: Caller[] = [{ name: "signed out", headers: {} }];
  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) {
    cookies[role] = await signIn(server, role);
    callers.push({ name: `${role} cookie`, headers: { cookie: cookies[role] }, role });
    callers.push({ name: `${role} token`, headers: { authorization: `Bearer ${world.tokens[role]}` }, role });
  }
  callers.push({
    name: "cross-origin admin",
    headers: { cookie: cookies.admin, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    role: "admin",
  });
  return callers;
}
