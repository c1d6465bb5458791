"use server";

import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { getAuth } from "@/lib/auth/auth";
import { getDb } from "@/lib/db/client";
import { createTokenSchema, tokenIdSchema } from "./schemas";
import { createToken, revokeToken } from "./service";

const PAGE = "/settings/tokens";

/** Any member makes a token for themselves; the key is returned once (the audit row has its name, never the key). */
export const createTokenAction = guardedAction(
  { role: "viewer", input: createTokenSchema, audit: { action: "token.create", targetType: "token" } },
  async (input, user, trail) => {
    const token = await createToken(await getAuth(), user, input);
    trail.target(token.id);
    trail.after({
      name: input.name,
      role: input.role,
      start: token.start,
      expiresAt: token.expiresAt?.toISOString() ?? null,
    });
    revalidatePath(PAGE);
    return ok({ id: token.id, key: token.key, start: token.start, name: input.name });
  },
);

/** Owners revoke their own tokens, admins anyone's; a revoked token is refused on its next request. */
export const revokeTokenAction = guardedAction(
  {
    role: "viewer",
    input: tokenIdSchema,
    audit: { action: "token.revoke", targetType: "token", targetId: (input) => input.id },
  },
  async ({ id }, user, trail) => {
    const revoked = await revokeToken(await getDb(), user, id);
    trail.before({ name: revoked.name, role: revoked.role, ownerId: revoked.ownerId });
    trail.after({ revoked: true });
    revalidatePath(PAGE);
    return ok({ id: revoked.id, name: revoked.name });
  },
);
