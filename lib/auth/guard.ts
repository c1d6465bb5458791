import "server-only";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { headers } from "next/headers";
import { countUsers } from "./users";
import { PATH_HEADER, safeReturnPath } from "./return-path";
import { hasRole, type Role } from "./roles";
import { apiError } from "@/lib/api/errors";
import { invalidPathParams } from "@/lib/api/query";
import { getDb } from "@/lib/db/client";
import { ConsoleError } from "@/lib/errors";
import { getCurrentUser, type SessionUser } from "./session";

/**
 * The one guard. Every console page, server action and `app/api` route handler (but `/api/health`) calls it.
 *
 * - signed out → `unauthorized()`: 401 for actions and route handlers; pages (`{ page: true }`) redirect to
 *   `/login?next=<this page>` instead;
 * - role below `minRole` → `forbidden()`: 403.
 */
export async function requireUser(minRole: Role = "viewer", options: { page?: boolean } = {}): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) {
    if (options.page) {
      // A console nobody has set up yet starts with the first-run page.
      if ((await countUsers(await getDb())) === 0) redirect("/setup");
      const path = safeReturnPath((await headers()).get(PATH_HEADER), "/");
      redirect(path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`);
    }
    unauthorized();
  }
  if (!hasRole(user.role, minRole)) forbidden();
  return user;
}

/** For pages and layouts of the console: signed-out visitors go to the sign-in page. */
export function requirePageUser(minRole: Role = "viewer"): Promise<SessionUser> {
  return requireUser(minRole, { page: true });
}

/**
 * Wraps a route handler under `app/api`: JSON 401 when signed out, 403 when the role is too low, 400 when a path
 * parameter holds a control character; the handler runs only for an allowed user and a clean path. A `ConsoleError`
 * or `NovitaError` the handler throws is answered by `apiError` (its code's status); anything else is Next's 500.
 */
export function guardRoute<Context>(
  minRole: Role,
  handler: (request: Request, context: Context, user: SessionUser) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    let user: SessionUser | null;
    try {
      user = await getCurrentUser();
    } catch (error) {
      return apiError(error);
    }
    if (!user) return apiError(new ConsoleError("unauthenticated", "Sign in to use this API."));
    if (!hasRole(user.role, minRole))
      return apiError(new ConsoleError("forbidden", `This needs the ${minRole} role; you are ${user.role}.`));
    // Every `[id]` of every route: a control character is refused
    // here, before it reaches Postgres (NUL: a 500) or Novita.
    const badParams = invalidPathParams(await (context as { params?: Promise<unknown> } | undefined)?.params);
    if (badParams) return badParams;
    try {
      return await handler(request, context, user);
    } catch (error) {
      return apiError(error);
    }
  };
}
