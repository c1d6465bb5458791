/** CSV for the audit export (RFC 4180), safe to open in a spreadsheet. */

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab/CR that hides one) as a formula: such cells get a
 * leading apostrophe, which the spreadsheet shows as text. Quotes, commas and line breaks are quoted.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor_email",
  "actor_name",
  "action",
  "target_type",
  "target_id",
  "result",
  "error",
  "before",
  "after",
];

export function auditRowToCsv(row: {
  id: number;
  at: Date;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  result: string;
  errorMessage: string | null;
  before: unknown;
  after: unknown;
}): string {
  return csvLine([
    row.id,
    row.at,
    row.actorEmail,
    row.actorName,
    row.action,
    row.targetType,
    row.targetId,
    row.result,
    row.errorMessage,
    row.before,
    row.after,
  ]);
}
