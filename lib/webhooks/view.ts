/** A job's webhook as its page and `GET /api/v1/jobs/{id}` show it: the URL, the delivery's state, each attempt. */
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { webhookAttempts } from "@/lib/db/schema";
import type { JobRow } from "@/lib/jobs/ledger";
import { WEBHOOK_STATES, type WebhookState, type WebhookView } from "./schema";

export async function loadWebhookView(db: Database, job: JobRow): Promise<WebhookView | null> {
  if (!job.webhookUrl) return null;
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.jobId, job.id))
    .orderBy(asc(webhookAttempts.attempt));
  const stored = (WEBHOOK_STATES as readonly string[]).includes(job.webhookState ?? "") ? job.webhookState : "pending";
  const state = (stored === "pending" && attempts.length ? "retrying" : stored) as WebhookState;
  return {
    url: job.webhookUrl,
    state,
    nextAttemptAt: state === "retrying" ? (job.webhookNextAt?.toISOString() ?? null) : null,
    attempts: attempts.map((row) => ({
      attempt: row.attempt,
      at: row.attemptedAt.toISOString(),
      statusCode: row.statusCode,
      error: row.error,
      durationMs: row.durationMs,
    })),
  };
}
