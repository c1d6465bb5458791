/** The `webhook` field of a run, as the REST API and the job actions accept it. Browser-safe. */
import { z } from "zod";

/** A delivery as shown: pending (not tried yet), retrying, delivered, failed, skipped (the job has no final status). */
export const WEBHOOK_STATES = ["pending", "retrying", "delivered", "failed", "skipped"] as const;
export type WebhookState = (typeof WEBHOOK_STATES)[number];

/** A job's webhook as its page and `GET /api/v1/jobs/{id}` show it. */
export interface WebhookView {
  url: string;
  /** pending: not tried yet; retrying: an attempt failed, the next is at `nextAttemptAt`; skipped: no final status. */
  state: WebhookState;
  nextAttemptAt: string | null;
  attempts: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

export const webhookField = z
  .string()
  .trim()
  .min(1, "Enter the webhook URL, or leave the field out.")
  .max(2048, "At most 2048 characters.")
  .describe(
    "An http(s) URL that gets the job's final status object ({id, status, output?, error?, …}) as a POST, signed " +
      "with your webhook signing secret (Standard Webhooks headers), retried 3 times. Needs a signing secret " +
      "(Settings → API tokens); loopback, private and link-local hosts are refused outside local mode.",
  );
