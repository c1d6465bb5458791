import "server-only";
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { nextCookies } from "better-auth/next-js";
import { consoleSecret, getConfig, type Config } from "@/lib/config";
import { logger } from "@/lib/logger";
import { SESSION_ADDRESS_HEADER } from "./client-address";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./schemas";
import type { Database } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { processSingletonPromise } from "@/lib/utils/process-singleton";

/**
 * better-auth does the password hashing and the sessions. Its HTTP handler is deliberately not mounted:
 * every sign-in, sign-out and user creation goes through our own server actions, which call `auth.api.*`,
 * so there is no public sign-up endpoint to defend.
 */
export function createAuth(db: Database, options: { secret: string; baseURL: string }) {
  return betterAuth({
    appName: "Novita Console",
    secret: options.secret,
    baseURL: options.baseURL,
    database: drizzleAdapter(db, {
      provider: "pg",
      usePlural: true,
      schema: {
        users: schema.users,
        sessions: schema.sessions,
        accounts: schema.accounts,
        verifications: schema.verifications,
        apikeys: schema.apiTokens,
      },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created only by the first-run setup, ADMIN_EMAIL bootstrap and (later) invitations.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    user: {
      additionalFields: {
        role: { type: ["viewer", "operator", "admin"], required: true, defaultValue: "viewer", input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    advanced: {
      cookiePrefix: "novita-console",
      // Said outright rather than left to better-auth's guess (which also looks at NODE_ENV): Secure cookies, and the
      // __Secure- name, exactly when browsers reach the console over https.
      useSecureCookies: usesHttps(options.baseURL),
      // The session row's address is the one client-address.ts decided (headersForAuth), never X-Forwarded-For as sent.
      ipAddress: { ipAddressHeaders: [SESSION_ADDRESS_HEADER] },
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    // Into the console's JSON log. A refused token is an answer (401), not an error: not logged at all.
    logger: {
      log: (level, message) => {
        if (message.startsWith("Failed to validate API key")) return;
        logger[level]({ source: "better-auth" }, message);
      },
    },
    plugins: [
      // Console API tokens (lib/tokens): hashed, shown once. No session from a token, no per-key counters here (the
      // console's own per-token limit is in lib/api/rate-limit.ts); expiry in days, at most a year.
      apiKey({
        defaultPrefix: TOKEN_PREFIX,
        startingCharactersConfig: { shouldStore: true, charactersLength: TOKEN_PREFIX.length + 6 },
        enableMetadata: true,
        requireName: true,
        maximumNameLength: 64,
        rateLimit: { enabled: false },
        keyExpiration: { defaultExpiresIn: null, minExpiresIn: 1, maxExpiresIn: 365 },
        enableSessionForAPIKeys: false,
      }),
      // Must stay last: lets auth.api calls made inside server actions set the session cookie.
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** How every console token begins: scripts and secret scanners can tell it from a Novita key (`sk_…`). */
export const TOKEN_PREFIX = "nvc_";

function usesHttps(url: string): boolean {
  return url.toLowerCase().startsWith("https://");
}

/** better-auth's base URL: PUBLIC_URL, else the console on this machine's port (as before PUBLIC_URL existed). */
export function authBaseUrl(config: Pick<Config, "publicUrl" | "port">): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** The process's auth instance, bound to the process's database (made again after a failure). */
export function getAuth(): Promise<Auth> {
  return processSingletonPromise("auth", () =>
    getDb().then((db) => {
      const config = getConfig();
      return createAuth(db, { secret: consoleSecret(config), baseURL: authBaseUrl(config) });
    }),
  );
}
