/**
 * Sealing secrets at rest: AES-256-GCM with a key derived (HKDF-SHA256) from CONSOLE_SECRET. The format is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url, so a later scheme can sit beside it. A changed CONSOLE_SECRET or a
 * tampered value fails to open (GCM's tag), it never decrypts to garbage.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;

function keyFor(consoleSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", consoleSecret, "novita-console/stored-secrets", purpose, 32));
}

export function sealSecret(plain: string, consoleSecret: string, purpose: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(consoleSecret, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

export class UnreadableSecretError extends Error {
  override readonly name = "UnreadableSecretError";
}

/** Throws `UnreadableSecretError` when the value was sealed with another CONSOLE_SECRET or was changed. */
export function openSealedSecret(sealed: string, consoleSecret: string, purpose: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new UnreadableSecretError("not a sealed secret");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(consoleSecret, purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableSecretError("the sealed secret does not open with this CONSOLE_SECRET");
  }
}

/**
 * What people see of a key: its kind prefix (`sk_`) and last 4 characters, e.g. `sk_…abcd`. Never more than
 * 4 characters of the secret part, whatever its length.
 */
export function keyFingerprint(apiKey: string): string {
  const key = apiKey.trim();
  const prefix = /^[A-Za-z]{1,8}[_-]/.exec(key)?.[0] ?? "";
  const rest = key.slice(prefix.length);
  return `${prefix}…${rest.length > 8 ? rest.slice(-4) : ""}`;
}
