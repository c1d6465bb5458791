import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, URL-safe: the secret half of an invite link. Only its sha256 is stored. */
export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
