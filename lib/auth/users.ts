import "server-only";
import { count, eq } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import type { Database } from "@/lib/db/client";
import { ConsoleError } from "@/lib/errors";
import { settings, users } from "@/lib/db/schema";
import type { Auth } from "./auth";
import { firstAdminSchema, type FirstAdminInput } from "./schemas";

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users);
  return row?.value ?? 0;
}

/** Creates a user with an email + password account through better-auth (which hashes the password). */
export async function createUserWithPassword(
  auth: Auth,
  input: { email: string; name: string; password: string; role: Role },
): Promise<{ id: string; email: string }> {
  const context = await auth.$context;
  const password = await context.password.hash(input.password);
  const user = await context.internalAdapter.createUser(
    { email: input.email, name: input.name, role: input.role },
    { method: "admin" },
  );
  try {
    await context.internalAdapter.linkAccount({
      userId: user.id,
      providerId: "credential",
      accountId: user.id,
      password,
    });
  } catch (error) {
    await context.internalAdapter.deleteUser(user.id);
    throw error;
  }
  return { id: user.id, email: user.email };
}

export class SetupAlreadyDoneError extends ConsoleError {
  constructor() {
    super("conflict", "The console already has an administrator. Sign in instead.");
    this.name = "SetupAlreadyDoneError";
  }
}

const FIRST_ADMIN_CLAIM = "first_admin_claimed_by";

/**
 * Creates the first administrator, exactly once per database. A claim row decides the winner when two
 * browsers (or two server processes sharing one Postgres) submit at the same moment.
 */
export async function createFirstAdmin(db: Database, auth: Auth, raw: FirstAdminInput) {
  const input = firstAdminSchema.parse(raw);
  if ((await countUsers(db)) > 0) throw new SetupAlreadyDoneError();
  const claimed = await db
    .insert(settings)
    .values({ key: FIRST_ADMIN_CLAIM, value: input.email })
    .onConflictDoNothing()
    .returning({ key: settings.key });
  if (claimed.length === 0) throw new SetupAlreadyDoneError();
  try {
    return await createUserWithPassword(auth, { ...input, role: "admin" });
  } catch (error) {
    await db.delete(settings).where(eq(settings.key, FIRST_ADMIN_CLAIM));
    throw error;
  }
}

/**
 * ADMIN_EMAIL + ADMIN_PASSWORD: for unattended installs, the first admin is created at startup when no user
 * exists. Returns whether it created one.
 */
export async function bootstrapAdminFromEnvironment(
  db: Database,
  auth: Auth,
  bootstrap: { email: string; password: string } | undefined,
): Promise<boolean> {
  if (!bootstrap || (await countUsers(db)) > 0) return false;
  try {
    await createFirstAdmin(db, auth, { ...bootstrap, name: "Administrator" });
    return true;
  } catch (error) {
    if (error instanceof SetupAlreadyDoneError) return false;
    throw error;
  }
}

export async function updateUserName(db: Database, userId: string, name: string): Promise<void> {
  await db.update(users).set({ name }).where(eq(users.id, userId));
}
