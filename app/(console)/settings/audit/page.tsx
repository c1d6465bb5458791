import type { Metadata } from "next";
import Link from "next/link";
import { AuditFiltersForm } from "@/components/settings/audit/audit-filters";
import { AuditTable } from "@/components/settings/audit/audit-table";
import { formatInstant } from "@/lib/format/time";
import { Button } from "@/components/ui/button";
import { auditFiltersToSearch, parseAuditFilters } from "@/lib/audit/filters";
import { auditFilterOptions, queryAuditLog } from "@/lib/audit/query";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log · Settings" };

/** Admins only: the log names every member's actions and the targets they touched. */
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("admin");
  const filters = parseAuditFilters(await searchParams);
  const db = await getDb();
  const [{ rows, nextBefore }, options] = await Promise.all([queryAuditLog(db, filters), auditFilterOptions(db)]);
  const search = auditFiltersToSearch(filters);
  const filtered = search !== "";

  return (
    <div className="grid gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="grid gap-1">
          <h2 className="text-lg font-semibold">Audit log</h2>
          <p className="max-w-prose text-sm text-muted-foreground">
            Every change made in the console, sign-ins and failed sign-ins: who, when, what, and the change itself
            (secrets are redacted before they are written).
          </p>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={`/api/audit/export${search}`} download>
            Export CSV
          </a>
        </Button>
      </div>
      <AuditFiltersForm filters={filters} actions={options.actions} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">
          {filtered ? "No entries match these filters." : "Nothing recorded yet."}
        </p>
      ) : (
        <AuditTable
          rows={rows.map((row) => ({
            id: row.id,
            when: formatInstant(row.at),
            whenIso: row.at.toISOString(),
            actorName: row.actorName,
            actorEmail: row.actorEmail,
            action: row.action,
            targetType: row.targetType,
            targetId: row.targetId,
            result: row.result,
            errorMessage: row.errorMessage,
            before: row.before === null ? null : JSON.stringify(row.before, null, 2),
            after: row.after === null ? null : JSON.stringify(row.after, null, 2),
          }))}
        />
      )}
      <nav aria-label="Audit log pages" className="flex items-center justify-between gap-2">
        {filters.before ? (
          <Button asChild variant="ghost" size="sm">
            <Link href={`/settings/audit${search}`}>Newest entries</Link>
          </Button>
        ) : (
          <span />
        )}
        {nextBefore ? (
          <Button asChild variant="outline" size="sm">
            <Link href={`/settings/audit${auditFiltersToSearch(filters, { before: nextBefore })}`}>Older entries</Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}
