import pino from "pino";

/** JSON logs on stdout. Secrets never go into a log line: redact the usual places they could hide. */
export const logger = pino({
  level: "info",
  base: { app: "novita-console" },
  redact: {
    paths: [
      "password",
      "*.password",
      "apiKey",
      "*.apiKey",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "*.headers.authorization",
    ],
    censor: "[redacted]",
  },
});
