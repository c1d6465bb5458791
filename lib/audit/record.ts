import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { logger } from "@/lib/logger";
import { redactForAudit } from "./redact";

export interface AuditEntry {
  actor: Pick<SessionUser, "id" | "email" | "name"> | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  result: "ok" | "failed" | "error";
  errorMessage?: string | null;
  /** The console token the change was made with; absent for the browser. */
  tokenName?: string | null;
}

/** Writes one audit row. Never throws: a failing audit write is logged, the mutation's result stands. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  try {
    const db = await getDb();
    await db.insert(auditLog).values({
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      actorName: entry.actor?.name ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before === undefined ? null : redactForAudit(entry.before),
      after: entry.after === undefined ? null : redactForAudit(entry.after),
      result: entry.result,
      errorMessage: entry.errorMessage ?? null,
      tokenName: entry.tokenName ?? null,
    });
  } catch (error) {
    logger.error({ err: error, action: entry.action }, "audit write failed");
  }
}
