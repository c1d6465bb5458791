/** Console API tokens: what a person may ask for. Browser-safe (the create dialog checks the same schema). */
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const TOKEN_NAME_MAX = 64;
/** Expiry choices offered in the dialog, in days; "never" is `null`. The plugin allows 1–365. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, e.g. the script or machine that will use it.")
    .max(TOKEN_NAME_MAX, `At most ${TOKEN_NAME_MAX} characters.`),
  role: z.enum(ROLES, { message: "Choose a role." }),
  expiresInDays: z
    .number({ message: "Choose when it expires." })
    .int()
    .min(1, "At least 1 day.")
    .max(365, "At most 365 days.")
    .nullable(),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenIdSchema = z.object({ id: z.string().min(1).max(200) });
