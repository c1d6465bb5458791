/** Console API tokens: what a person may ask for. Browser-safe (the create form checks the same schema). */
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const TOKEN_NAME_MAX = 64;

/** The expiry choices, as the form sends them: days, or never. better-auth's plugin allows 1–365 days. */
export const TOKEN_EXPIRY_CHOICES = ["7", "30", "90", "365", "never"] as const;
export type TokenExpiry = (typeof TOKEN_EXPIRY_CHOICES)[number];
export const TOKEN_EXPIRY_LABELS: Record<TokenExpiry, string> = {
  "7": "7 days",
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
  never: "Never",
};

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

/** Days until expiry, or null for a token that does not expire. */
export function expiryDays(expires: TokenExpiry): number | null {
  return expires === "never" ? null : Number(expires);
}

export const tokenIdSchema = z.object({ id: z.string().min(1).max(200) });
