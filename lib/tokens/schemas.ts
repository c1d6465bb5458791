/** Console API tokens: what a person may ask for. Browser-safe (the create form checks the same schema). */
import "@/lib/utils/zod-jitless";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { TOKEN_EXPIRY_CHOICES, TOKEN_NAME_MAX } from "./expiry";

export { expiryDays, TOKEN_EXPIRY_CHOICES, TOKEN_EXPIRY_LABELS, TOKEN_NAME_MAX, type TokenExpiry } from "./expiry";

export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the token a name, e.g. the script or machine that will use it.")
    .max(TOKEN_NAME_MAX, `At most ${TOKEN_NAME_MAX} characters.`),
  role: z.enum(ROLES, { message: "Choose a role." }),
  expires: z.enum(TOKEN_EXPIRY_CHOICES, { message: "Choose when it expires." }),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export const tokenIdSchema = z.object({ id: z.string().min(1).max(200) });
