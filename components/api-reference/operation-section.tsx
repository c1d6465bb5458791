import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { HeadedTable } from "@/components/ui/headed-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { inlinePieces, paragraphsOf, type FieldRow, type ReferenceOperation } from "@/lib/api/v1/reference";
import { MarkdownText } from "./markdown-text";
import { MethodBadge } from "./method-badge";
import { OperationExamples } from "./operation-examples";

const wrap = "whitespace-normal break-words";

function FieldsTable({ label, rows, showIn }: { label: string; rows: FieldRow[]; showIn: boolean }) {
  return (
    <HeadedTable
      label={label}
      columns={[
        { label: "Name" },
        showIn ? { label: "In" } : null,
        { label: "Type" },
        { label: "Required" },
        { label: "Description", className: "min-w-56" },
      ]}
    >
      {rows.map((row) => (
        <TableRow key={row.name}>
          <TableCell className="align-top font-mono text-xs">{row.name}</TableCell>
          {showIn ? <TableCell className="align-top text-muted-foreground">{row.in}</TableCell> : null}
          <TableCell className={`max-w-64 align-top font-mono text-xs ${wrap}`}>{row.type}</TableCell>
          <TableCell className="align-top">
            {row.required ? "yes" : <span className="text-muted-foreground">no</span>}
          </TableCell>
          <TableCell className={`align-top text-muted-foreground ${wrap}`}>
            <MarkdownText pieces={inlinePieces(row.description)} />
          </TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-2">
      <h4 className="text-sm font-medium">{title}</h4>
      {children}
    </div>
  );
}

/** One operation: method and path as its heading (with an anchor), what it does, its inputs, answers and examples. */
export function OperationSection({ operation }: { operation: ReferenceOperation }) {
  const name = `${operation.method} ${operation.path}`;
  return (
    <article
      aria-labelledby={operation.anchor}
      className="grid min-w-0 gap-4 rounded-xl border bg-card p-4 text-card-foreground shadow-sm sm:p-5"
    >
      <header className="grid gap-2">
        <h3 id={operation.anchor} className="flex scroll-mt-20 flex-wrap items-center gap-2 text-base font-semibold">
          <MethodBadge method={operation.method} />{" "}
          <a href={`#${operation.anchor}`} className="min-w-0 font-mono text-sm break-all hover:underline">
            {operation.path}
          </a>
        </h3>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">{operation.summary}</span>
          <Badge variant="outline" title="The role a token (and its owner) needs">
            {operation.role === "public" ? "public" : `role: ${operation.role}`}
          </Badge>
        </p>
        {paragraphsOf(operation.description).map((pieces, index) => (
          <p key={index} className="max-w-prose text-sm text-muted-foreground">
            <MarkdownText pieces={pieces} />
          </p>
        ))}
      </header>
      {operation.parameters.length ? (
        <Part title="Parameters">
          <FieldsTable label={`Parameters of ${name}`} rows={operation.parameters} showIn />
        </Part>
      ) : null}
      {operation.body ? (
        <Part title={`Body${operation.body.required ? "" : " (optional)"} · ${operation.body.type}`}>
          {operation.body.fields.length ? (
            <FieldsTable label={`Body of ${name}`} rows={operation.body.fields} showIn={false} />
          ) : (
            <p className="text-sm text-muted-foreground">Any JSON object.</p>
          )}
        </Part>
      ) : null}
      <Part title="Responses">
        <dl className="grid gap-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)] sm:gap-x-4">
          {operation.responses.map((response) => (
            <div key={response.status} className="contents">
              <dt className="font-mono text-xs sm:pt-0.5">{response.status}</dt>
              <dd className="mb-1 text-muted-foreground sm:mb-0">
                <MarkdownText pieces={inlinePieces(response.description)} />
              </dd>
            </div>
          ))}
        </dl>
      </Part>
      <Part title="Example">
        <OperationExamples call={operation.example} name={name} />
      </Part>
    </article>
  );
}
