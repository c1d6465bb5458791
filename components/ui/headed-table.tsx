import type { ReactNode } from "react";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** One column heading of a `HeadedTable`; `null` leaves the column out (e.g. actions for a viewer). */
export type TableColumn = { label: ReactNode; className?: string; title?: string } | null;

/** A named table with one heading row: the console's lists of workers, endpoints, members, invites, audit rows. */
export function HeadedTable({
  label,
  columns,
  children,
}: {
  /** The table's accessible name. */
  label: string;
  columns: TableColumn[];
  /** The body rows. */
  children: ReactNode;
}) {
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          {columns.map((column, index) =>
            column ? (
              <TableHead key={index} className={column.className} title={column.title}>
                {column.label}
              </TableHead>
            ) : null,
          )}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  );
}
