import { Fragment } from "react";
import { CheckCircle2, TriangleAlert } from "lucide-react";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDuration } from "@/lib/format/duration";
import { formatInstant } from "@/lib/format/time";
import type { ConnectionCheck, ProbeRow, ProbeVerdict } from "@/lib/novita/check";
import { summarizeCheck, VERDICT_LABEL } from "@/lib/novita/check-summary";
import { cn } from "@/lib/utils/cn";

const VERDICT_BADGE: Record<ProbeVerdict, BadgeProps["variant"]> = {
  ok: "success",
  mismatch: "destructive",
  skipped: "secondary",
  info: "secondary",
};

const SURFACE_LABEL: Record<ProbeRow["surface"], string> = {
  management: "management API",
  gpus: "GPU API v2",
  jobs: "job gateway",
};

/**
 * A connection check's report: the summary line, then one table row per call, and under a row the fields that
 * were missing (a mismatch) or new (muted on a matching row) and the check's note. `stale` dims it while a new
 * check runs.
 */
export function ConnectionCheckReport({
  report,
  apiHost,
  stale = false,
}: {
  report: ConnectionCheck;
  apiHost: string;
  stale?: boolean;
}) {
  const summary = summarizeCheck(report);
  const good = summary.mismatches === 0;
  return (
    <div className={cn("grid gap-3 transition-opacity", stale && "opacity-60")} aria-busy={stale || undefined}>
      <p
        role="status"
        data-testid="connection-check-summary"
        className={cn(
          "flex items-start gap-2 rounded-md border px-3 py-2 text-sm font-medium",
          good ? "border-success/40 bg-success/10" : "border-destructive/40 bg-destructive/10 text-destructive",
        )}
      >
        {good ? (
          <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
        ) : (
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        )}
        <span>{summary.text}.</span>
      </p>
      <Table data-testid="connection-check-table">
        <TableCaption className="text-left">
          Calls to {apiHost}, checked {formatInstant(new Date(report.checkedAt))}. “New” fields are ones the console
          does not read yet.
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Call</TableHead>
            <TableHead scope="col" className="hidden md:table-cell">
              Request
            </TableHead>
            <TableHead scope="col" className="text-right">
              HTTP status
            </TableHead>
            <TableHead scope="col" className="text-right">
              Time
            </TableHead>
            <TableHead scope="col">Result</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.rows.map((row, index) => (
            <ProbeRows key={`${row.request}-${index}`} row={row} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function ProbeRows({ row }: { row: ProbeRow }) {
  const mismatch = row.verdict === "mismatch";
  const details = mismatch
    ? row.missing.length > 0 || row.extra.length > 0 || row.note
    : row.extra.length > 0 || row.note;
  return (
    <Fragment>
      <TableRow
        data-verdict={row.verdict}
        className={cn(details && "border-b-0", mismatch && "bg-destructive/5 hover:bg-destructive/10")}
      >
        <TableCell className="font-medium whitespace-normal">
          {row.call}
          {/* On a phone the request goes under the call's name, so the status and result stay in view. */}
          <code className="mt-0.5 block font-mono text-xs font-normal break-all text-muted-foreground md:hidden">
            {row.request}
          </code>
        </TableCell>
        <TableCell className="hidden whitespace-normal md:table-cell">
          <code className="font-mono text-xs break-all">{row.request}</code>
          <span className="block text-xs text-muted-foreground">{SURFACE_LABEL[row.surface]}</span>
        </TableCell>
        <TableCell className="text-right tabular-nums">
          {row.status ?? (row.verdict === "skipped" ? "—" : "no answer")}
        </TableCell>
        <TableCell className="text-right tabular-nums">{formatDuration(row.ms)}</TableCell>
        <TableCell>
          <Badge variant={VERDICT_BADGE[row.verdict]}>{VERDICT_LABEL[row.verdict]}</Badge>
        </TableCell>
      </TableRow>
      {details ? (
        <TableRow data-detail-of={row.verdict} className={cn(mismatch && "bg-destructive/5 hover:bg-destructive/10")}>
          <TableCell colSpan={5} className="pt-0 pb-3 whitespace-normal">
            <div className={cn("grid gap-1 text-xs", mismatch ? "text-foreground" : "text-muted-foreground")}>
              {mismatch && row.missing.length > 0 ? (
                <FieldList label="Missing" paths={row.missing} className="text-destructive" />
              ) : null}
              {row.extra.length > 0 ? <FieldList label="New" paths={row.extra} /> : null}
              {row.note ? <p className="break-words">{row.note}</p> : null}
            </div>
          </TableCell>
        </TableRow>
      ) : null}
    </Fragment>
  );
}

function FieldList({ label, paths, className }: { label: string; paths: string[]; className?: string }) {
  return (
    <p className={cn("break-words", className)}>
      <span className="font-medium">{label}: </span>
      {paths.map((path, index) => (
        <Fragment key={path}>
          {index > 0 ? ", " : null}
          <code className="font-mono">{path}</code>
        </Fragment>
      ))}
    </p>
  );
}
