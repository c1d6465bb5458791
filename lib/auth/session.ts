import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { DatabaseUnavailable, noteDatabaseFailure } from "@/lib/db/availability";
import { getAuth } from "./auth";

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export function toSessionUser(user: { id: string; name: string; email: string; role?: unknown }): SessionUser {
  const role = ROLES.includes(user.role as Role) ? (user.role as Role) : "viewer";
  return { id: user.id, name: user.name, email: user.email, role };
}

/**
 * The signed-in user of this request, or null. Looked up once per request. With the database missing it throws
 * `DatabaseUnavailable` (503), not better-auth's 500 whose logged query carries the session token.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await getAuth();
  try {
    const session = await auth.api.getSession({ headers: await headers() });
    return session ? toSessionUser(session.user) : null;
  } catch (error) {
    if (noteDatabaseFailure(error)) throw new DatabaseUnavailable();
    throw error;
  }
});
