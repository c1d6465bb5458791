/**
 * The largest server-action request body, for next.config.ts (Next's own limit) and proxy.ts (the 413). No imports:
 * next.config.ts loads this file directly.
 *
 * A job may be up to Novita's 4 MiB (`MAX_JOB_REQUEST_BYTES`, a ComfyUI run's images travel inside it as base64);
 * the action's arguments add a few bytes of encoding around it. 6 MiB leaves room, so a job somewhat over 4 MiB still
 * reaches the action and gets its clear message ("Novita accepts at most 4 MiB per job") instead of a refusal.
 */
export const SERVER_ACTION_BODY_LIMIT = "6mb";
/** `SERVER_ACTION_BODY_LIMIT` in bytes, as Next reads it (the `bytes` package: 1 mb = 1024 × 1024). */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
