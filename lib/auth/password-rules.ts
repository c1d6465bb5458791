/** Password length rules, for the forms' hints without their schemas (lib/auth/schemas.ts, which needs zod). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
