/** A token's name limit and expiry choices, for the create form without its schema (./schemas.ts needs zod). */
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

/** Days until expiry, or null for a token that does not expire. */
export function expiryDays(expires: TokenExpiry): number | null {
  return expires === "never" ? null : Number(expires);
}
