"use server";

import { guardedAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { favouriteSchema } from "@/lib/outputs/actions-schema";
import { setFavourite } from "@/lib/outputs/gallery";

/** Stars or unstars an output for the person signed in (viewers too: a favourite is theirs alone). */
export const favouriteOutputAction = guardedAction(
  {
    role: "viewer",
    input: favouriteSchema,
    audit: { action: "output.favourite", targetType: "output", targetId: (input) => input.outputId },
  },
  async ({ outputId, favourite }, user, trail) => {
    if (!(await setFavourite(await getDb(), user.id, outputId, favourite)))
      return fail("not_found", "This output no longer exists.");
    trail.after({ favourite });
    return ok({ outputId, favourite });
  },
);
