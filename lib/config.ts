/**
 * The one place environment variables are read. Every variable of DESIGN.md §4 goes through `configSchema`;
 * a bad value stops startup with one line that names the variable and what is wrong with it.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

import { parseAllowedOrigins } from "@/lib/security/headers";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { processSingleton } from "@/lib/utils/process-singleton";

/** Docker and .env files often set a variable to the empty string to mean "unset". */
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalString = z.preprocess(unsetIfEmpty, z.string().trim().optional());

const httpUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), {
    message: "must be an http(s) URL, e.g. https://example.com/path",
  })
  .transform((value) => value.replace(/\/+$/, ""));

const httpUrl = (fallback: string) => z.preprocess(unsetIfEmpty, httpUrlSchema.default(fallback));
const optionalHttpUrl = z.preprocess(unsetIfEmpty, httpUrlSchema.optional());

/** The console's own address as browsers reach it: scheme, host and port only. */
const publicUrlSchema = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s/]+\/?$/i.test(value) && URL.canParse(value), {
      message:
        "must be the address browsers open the console at, http(s) without a path, e.g. https://console.example.com",
    })
    .transform((value) => new URL(value).origin)
    .optional(),
);

const port = (fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number from 1 to 65535" })
      .int("must be a whole number from 1 to 65535")
      .min(1, "must be a whole number from 1 to 65535")
      .max(65535, "must be a whole number from 1 to 65535")
      .default(fallback),
  );

export const configSchema = z
  .object({
    NOVITA_API_KEY: optionalString,
    NOVITA_API_BASE_URL: httpUrl("https://api.novita.ai/gpu-instance/openapi/v1"),
    NOVITA_JOBS_BASE_URL: httpUrl("https://async-public.serverless.novita.ai/v1"),
    /** Novita's GPU API v2, read for the serverless product catalogue (`/products?category=serverless`). */
    NOVITA_GPUS_BASE_URL: httpUrl("https://api.novita.ai/gpus/v2"),
    DATABASE_URL: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .refine((value) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value), {
          message: "must be a Postgres URL like postgres://user:password@host:5432/database",
        })
        .optional(),
    ),
    DATA_DIR: z.preprocess(unsetIfEmpty, z.string().trim().default("./data")),
    CONSOLE_SECRET: z.preprocess(
      unsetIfEmpty,
      z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)").optional(),
    ),
    PORT: port(3000),
    PUBLIC_URL: publicUrlSchema,
    ADMIN_EMAIL: z.preprocess(unsetIfEmpty, z.email("must be an email address").optional()),
    ADMIN_PASSWORD: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
        .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
        .optional(),
    ),
    SANDBOX_PORT: port(8790),
    TRUSTED_PROXY_HOPS: z.preprocess(
      unsetIfEmpty,
      z.coerce
        .number({ message: "must be a whole number from 0 to 10" })
        .int("must be a whole number from 0 to 10")
        .min(0, "must be a whole number from 0 to 10")
        .max(10, "must be a whole number from 0 to 10")
        .default(0),
    ),
    SANDBOX_API_KEY: optionalString,
    COMFYUI_URL: optionalHttpUrl,
    OUTPUT_FETCH_HOSTS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .transform((value) =>
          value
            .split(",")
            .map((host) => host.trim().toLowerCase())
            .filter(Boolean),
        )
        .refine((hosts) => hosts.every((host) => /^[a-z0-9.-]+(:\d+)?$/.test(host)), {
          message: "must be a comma-separated list of host names, e.g. bucket.example.com,cdn.example.com",
        })
        .default([]),
    ),
    WEBHOOK_RETRY_PAUSES_MS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .refine((value) => value.split(",").every((pause) => /^\s*\d{1,9}\s*$/.test(pause)), {
          message: "must be a comma-separated list of pauses in milliseconds, e.g. 10000,60000,300000",
        })
        .transform((value) => value.split(",").map((pause) => Number(pause.trim())))
        .default([10_000, 60_000, 300_000]),
    ),
    OUTPUT_S3_BUCKET: optionalString,
    OUTPUT_S3_ENDPOINT: optionalHttpUrl,
    OUTPUT_S3_REGION: optionalString,
    OUTPUT_S3_ACCESS_KEY_ID: optionalString,
    OUTPUT_S3_SECRET_ACCESS_KEY: optionalString,
    OUTPUT_S3_PREFIX: optionalString,
    ALLOWED_ORIGINS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .transform(parseAllowedOrigins)
        .refine((hosts) => hosts.every((host) => /^(\*\.)?[a-z0-9.-]+(:\d+)?$/.test(host)), {
          message:
            "must be a comma-separated list of hosts as browsers send them, " +
            "e.g. console.example.com,console.example.com:8443",
        })
        .default([]),
    ),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.OUTPUT_S3_ACCESS_KEY_ID) !== Boolean(env.OUTPUT_S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.OUTPUT_S3_ACCESS_KEY_ID ? "OUTPUT_S3_SECRET_ACCESS_KEY" : "OUTPUT_S3_ACCESS_KEY_ID"],
        message:
          "must be set together with " +
          (env.OUTPUT_S3_ACCESS_KEY_ID ? "OUTPUT_S3_ACCESS_KEY_ID" : "OUTPUT_S3_SECRET_ACCESS_KEY"),
      });
    }
    if (!env.OUTPUT_S3_BUCKET && (env.OUTPUT_S3_ENDPOINT || env.OUTPUT_S3_ACCESS_KEY_ID)) {
      ctx.addIssue({
        code: "custom",
        path: ["OUTPUT_S3_BUCKET"],
        message: "must be set to store outputs in S3 (the other OUTPUT_S3_ settings need it)",
      });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: [env.ADMIN_EMAIL ? "ADMIN_PASSWORD" : "ADMIN_EMAIL"],
        message: "must be set together with " + (env.ADMIN_EMAIL ? "ADMIN_EMAIL" : "ADMIN_PASSWORD"),
      });
    }
  });

type ParsedEnv = z.infer<typeof configSchema>;

export type ConnectionMode = "local" | "novita";

export interface Config {
  mode: ConnectionMode;
  novitaApiKey: string | undefined;
  novitaApiBaseUrl: string;
  novitaJobsBaseUrl: string;
  /** Novita GPU API v2 (the serverless product catalogue). */
  novitaGpusBaseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Unset means "generate one into DATA_DIR on first use" — see `consoleSecret()`. */
  consoleSecret: string | undefined;
  port: number;
  /**
   * PUBLIC_URL: the origin browsers use (e.g. behind an HTTPS proxy). better-auth's base URL; when https, session
   * cookies are `Secure` and `__Secure-` prefixed. Unset: http://localhost:<port>, cookies without `Secure`.
   */
  publicUrl: string | undefined;
  bootstrapAdmin: { email: string; password: string } | undefined;
  sandboxPort: number;
  /** Reverse proxies in front of the console that append to X-Forwarded-For (sign-in rate limit per address). */
  trustedProxyHops: number;
  sandboxApiKey: string | undefined;
  comfyuiUrl: string | undefined;
  outputFetchHosts: string[];
  /** Pauses before each webhook retry (one retry per pause); WEBHOOK_RETRY_PAUSES_MS, default 10 s, 60 s, 300 s. */
  webhookRetryPausesMs: number[];
  /** An S3-compatible bucket for archived outputs instead of `DATA_DIR/outputs`. */
  outputS3: OutputS3Config | undefined;
  /** Extra origins (host[:port]) whose server-action POSTs are accepted; read by next.config.ts too. */
  allowedOrigins: string[];
}

export interface OutputS3Config {
  bucket: string;
  /** Unset: AWS S3 itself. Set (MinIO, R2, Ceph …): path-style requests to this URL. */
  endpoint: string | undefined;
  region: string;
  /** Unset: the AWS SDK's own chain (environment, instance role …). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Prepended to every key, e.g. `console/`. */
  prefix: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super("Invalid configuration: " + problems.map((problem) => `${problem.variable} ${problem.message}`).join("; "));
    this.name = "ConfigError";
  }
}

function toConfig(env: ParsedEnv): Config {
  return {
    mode: env.NOVITA_API_KEY ? "novita" : "local",
    novitaApiKey: env.NOVITA_API_KEY,
    novitaApiBaseUrl: env.NOVITA_API_BASE_URL,
    novitaJobsBaseUrl: env.NOVITA_JOBS_BASE_URL,
    novitaGpusBaseUrl: env.NOVITA_GPUS_BASE_URL,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.DATA_DIR),
    consoleSecret: env.CONSOLE_SECRET,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL,
    bootstrapAdmin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
    sandboxPort: env.SANDBOX_PORT,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    sandboxApiKey: env.SANDBOX_API_KEY,
    comfyuiUrl: env.COMFYUI_URL,
    outputFetchHosts: env.OUTPUT_FETCH_HOSTS,
    webhookRetryPausesMs: env.WEBHOOK_RETRY_PAUSES_MS,
    outputS3: env.OUTPUT_S3_BUCKET
      ? {
          bucket: env.OUTPUT_S3_BUCKET,
          endpoint: env.OUTPUT_S3_ENDPOINT,
          region: env.OUTPUT_S3_REGION ?? "us-east-1",
          credentials:
            env.OUTPUT_S3_ACCESS_KEY_ID && env.OUTPUT_S3_SECRET_ACCESS_KEY
              ? { accessKeyId: env.OUTPUT_S3_ACCESS_KEY_ID, secretAccessKey: env.OUTPUT_S3_SECRET_ACCESS_KEY }
              : undefined,
          prefix: env.OUTPUT_S3_PREFIX ? env.OUTPUT_S3_PREFIX.replace(/^\/+|\/+$/g, "") + "/" : "",
        }
      : undefined,
    allowedOrigins: env.ALLOWED_ORIGINS,
  };
}

/** Parses an environment (pure: no files touched). Throws `ConfigError` naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "environment");
        // Never echo the value of a secret back into a log line.
        return { variable, message: issue.message };
      }),
    );
  }
  return toConfig(result.data);
}

/** The process's configuration, parsed once. */
export function getConfig(): Config {
  return processSingleton("config", () => parseConfig(process.env));
}

/**
 * Reads a secret kept in a file under DATA_DIR, creating it (random, owner-only) the first time.
 * Used for values that must survive restarts but that a new user should not have to invent.
 */
export function readOrCreateSecretFile(dataDir: string, fileName: string, bytes = 32): string {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) {
    const existing = readFileSync(file, "utf8").trim();
    if (existing) return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(bytes).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** CONSOLE_SECRET, or the one generated into DATA_DIR on first run. Signs sessions; later encrypts stored secrets. */
export function consoleSecret(config: Config = getConfig()): string {
  return config.consoleSecret ?? readOrCreateSecretFile(config.dataDir, "console-secret");
}

/** Where the local sandbox listens and the key it accepts (generated into DATA_DIR when SANDBOX_API_KEY is unset). */
export function sandboxConnection(config: Config = getConfig()): { origin: string; apiKey: string } {
  return {
    origin: `http://127.0.0.1:${config.sandboxPort}`,
    apiKey: config.sandboxApiKey ?? readOrCreateSecretFile(config.dataDir, "sandbox-api-key"),
  };
}
