"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/actions/define";
import { ok } from "@/lib/actions/result";
import { consoleSecret } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { rotateSigningSecret, signingSecretCreatedAt } from "./secrets";

/**
 * Any member makes (or replaces) their own webhook signing secret. It is returned once; the audit row says whether
 * one was replaced, never the secret.
 */
export const rotateSigningSecretAction = guardedAction(
  { role: "viewer", input: z.object({}), audit: { action: "webhook.secret.rotate", targetType: "user" } },
  async (_input, user, trail) => {
    const db = await getDb();
    const previous = await signingSecretCreatedAt(db, user.id);
    const { secret, createdAt } = await rotateSigningSecret(db, consoleSecret(), user.id);
    trail.target(user.id);
    trail.before(previous ? { createdAt: previous.toISOString() } : null);
    trail.after({ createdAt: createdAt.toISOString(), replaced: previous !== null });
    revalidatePath("/settings/tokens");
    return ok({ secret, createdAt: createdAt.toISOString() });
  },
);
