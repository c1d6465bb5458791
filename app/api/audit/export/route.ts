import { parseQuery } from "@/lib/api/query";
import { auditFilterInput, auditFiltersSchema } from "@/lib/audit/filters";
import { AUDIT_CSV_COLUMNS, auditRowToCsv, csvLine } from "@/lib/audit/csv";
import { exportAuditLog } from "@/lib/audit/query";
import { guardRoute } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";

/** The audit log as CSV, with the page's filters (admins only, like the page). */
export const GET = guardRoute("admin", async (request) => {
  const filters = parseQuery(auditFiltersSchema, auditFilterInput(new URL(request.url).searchParams));
  if (!filters.ok) return filters.response;
  const rows = await exportAuditLog(await getDb(), filters.data);
  const body = csvLine(AUDIT_CSV_COLUMNS) + rows.map(auditRowToCsv).join("");
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
