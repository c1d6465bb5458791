import "server-only";
import { and, desc, eq, gte, ilike, like, lt, or, type SQL } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import type { AuditFilters } from "./filters";

export type AuditRow = typeof auditLog.$inferSelect;

export const AUDIT_PAGE_SIZE = 50;
/** The CSV export stops here; narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 50_000;

/** `%` and `_` typed into a filter are literal characters, not wildcards. */
function contains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function conditions(filters: AuditFilters): SQL[] {
  const where: SQL[] = [];
  if (filters.person)
    where.push(
      or(ilike(auditLog.actorEmail, contains(filters.person)), ilike(auditLog.actorName, contains(filters.person)))!,
    );
  if (filters.action) {
    where.push(
      filters.action.endsWith(".")
        ? like(auditLog.action, `${filters.action.replace(/[\\%_]/g, (char) => `\\${char}`)}%`)
        : eq(auditLog.action, filters.action),
    );
  }
  if (filters.target)
    where.push(
      or(ilike(auditLog.targetId, contains(filters.target)), ilike(auditLog.targetType, contains(filters.target)))!,
    );
  if (filters.from) where.push(gte(auditLog.at, new Date(`${filters.from}T00:00:00.000Z`)));
  if (filters.to) where.push(lt(auditLog.at, new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000)));
  return where;
}

/**
 * One page, newest first, keyset-paginated on the serial id (ids grow with time, so "older than id N" is stable
 * while new rows arrive). `nextBefore` is the cursor for the next page, or null on the last one.
 */
export async function queryAuditLog(
  db: Database,
  filters: AuditFilters,
  limit = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const where = conditions(filters);
  if (filters.before) where.push(lt(auditLog.id, filters.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextBefore: more ? page[page.length - 1]!.id : null };
}

/** Every matching row (up to the export limit), newest first: the cursor is ignored, the filters are not. */
export async function exportAuditLog(db: Database, filters: AuditFilters): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions(filters)))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_EXPORT_LIMIT);
}

/** The distinct actions and people in the log, for the filter pickers. */
export async function auditFilterOptions(db: Database): Promise<{ actions: string[] }> {
  const actions = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return { actions: actions.map((row) => row.action) };
}
