import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils/cn";

export interface AuditTableRow {
  id: number;
  when: string;
  whenIso: string;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  result: string;
  errorMessage: string | null;
  /** Pretty JSON, already redacted when it was written. */
  before: string | null;
  after: string | null;
}

const RESULT_VARIANT = { ok: "success", failed: "warning", error: "destructive" } as const;

/** Everything here is rendered as text: targets, names and JSON may hold whatever a user typed. */
export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  return (
    <>
      <div className="hidden md:block">
        <WideTable rows={rows} />
      </div>
      <NarrowList rows={rows} />
    </>
  );
}

/** Phones: one card per entry instead of a six-column table. */
function NarrowList({ rows }: { rows: AuditTableRow[] }) {
  return (
    <ul aria-label="Audit log entries" className="grid gap-2 md:hidden">
      {rows.map((row) => (
        <li key={row.id} className="grid gap-1.5 rounded-lg border bg-card p-3 text-sm [overflow-wrap:anywhere]">
          <div className="flex items-center justify-between gap-2">
            <span className="font-mono text-xs font-medium">{row.action}</span>
            <ResultBadge result={row.result} />
          </div>
          <div className="text-xs text-muted-foreground">
            <time dateTime={row.whenIso}>{row.when}</time> ·{" "}
            {row.actorEmail ? `${row.actorName} (${row.actorEmail})` : "Not signed in"}
          </div>
          <div className="text-xs">
            <span className="text-muted-foreground">{row.targetType}</span>{" "}
            {row.targetId ? <span className="font-mono">{row.targetId}</span> : null}
          </div>
          {row.errorMessage ? <div className="text-xs text-muted-foreground">{row.errorMessage}</div> : null}
          <Change row={row} />
        </li>
      ))}
    </ul>
  );
}

function ResultBadge({ result }: { result: string }) {
  return <Badge variant={RESULT_VARIANT[result as keyof typeof RESULT_VARIANT] ?? "secondary"}>{result}</Badge>;
}

function Change({ row }: { row: AuditTableRow }) {
  if (!row.before && !row.after) return <span className="text-xs text-muted-foreground">—</span>;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-primary select-none hover:underline">Show change</summary>
      <div className="mt-2 grid max-w-[28rem] gap-2">
        {row.before ? <JsonBlock label="Before" json={row.before} /> : null}
        {row.after ? <JsonBlock label="After" json={row.after} /> : null}
      </div>
    </details>
  );
}

function WideTable({ rows }: { rows: AuditTableRow[] }) {
  return (
    <Table aria-label="Audit log">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Result</TableHead>
          <TableHead>Change</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} className="align-top">
            <TableCell className="text-xs whitespace-nowrap text-muted-foreground">
              <time dateTime={row.whenIso}>{row.when}</time>
            </TableCell>
            <TableCell className="max-w-[12rem] whitespace-normal">
              {row.actorEmail ? (
                <>
                  <div className="font-medium break-words">{row.actorName}</div>
                  <div className="text-xs break-all text-muted-foreground">{row.actorEmail}</div>
                </>
              ) : (
                <span className="text-muted-foreground">Not signed in</span>
              )}
            </TableCell>
            <TableCell className="font-mono text-xs">{row.action}</TableCell>
            <TableCell className="max-w-[14rem] text-xs whitespace-normal">
              <span className="text-muted-foreground">{row.targetType}</span>
              {row.targetId ? <div className="font-mono break-all">{row.targetId}</div> : null}
            </TableCell>
            <TableCell className="whitespace-normal">
              <ResultBadge result={row.result} />
              {row.errorMessage ? (
                <div className="mt-1 max-w-[14rem] text-xs text-muted-foreground">{row.errorMessage}</div>
              ) : null}
            </TableCell>
            <TableCell className="min-w-[10rem]">
              <Change row={row} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function JsonBlock({ label, json }: { label: string; json: string }) {
  return (
    <div className="grid gap-1">
      <span className="font-medium text-muted-foreground">{label}</span>
      <pre
        className={cn(
          "max-h-64 overflow-auto rounded-md bg-muted p-2",
          "font-mono text-[11px] leading-snug break-all whitespace-pre-wrap",
        )}
      >
        {json}
      </pre>
    </div>
  );
}
