"use client";

import { X } from "lucide-react";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EndpointSelect } from "@/components/ui/endpoint-select";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SearchBox } from "@/components/ui/search-box";
import { unlessAll, type commonFilterParsers, type ListFilterState } from "@/lib/hooks/use-list-filters";

function DayInput({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: string | null;
  min?: string;
  max?: string;
  onChange: (value: string | null) => void;
}) {
  const id = useId();
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Input
        id={id}
        type="date"
        value={value ?? ""}
        min={min}
        max={max}
        onChange={(event) => onChange(unlessAll(event.target.value))}
        className="sm:w-40"
      />
    </div>
  );
}

/**
 * A list page's filter bar: the search box, the endpoint, a range of days and "Clear filters" (while any is set),
 * with the page's own filters beside the endpoint (`children`) and after the days (`trailing`).
 */
export function FilterBar({
  label,
  search,
  endpoints,
  filters,
  children,
  trailing,
}: {
  /** Names the bar as a search landmark (role="search"), e.g. "Gallery filters". */
  label?: string;
  search: { label: string; placeholder: string };
  endpoints: { id: string; name: string }[];
  filters: ListFilterState<typeof commonFilterParsers>;
  children?: ReactNode;
  trailing?: ReactNode;
}) {
  const { params, setFilters } = filters;
  return (
    <div
      className="flex flex-col gap-2 lg:flex-row lg:flex-wrap lg:items-end"
      role={label ? "search" : undefined}
      aria-label={label}
    >
      <SearchBox
        value={params.q}
        onChange={(q) => setFilters({ q })}
        label={search.label}
        placeholder={search.placeholder}
        className="lg:max-w-xs"
      />
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-end">
        <EndpointSelect
          value={params.endpoint ?? undefined}
          options={endpoints}
          onChange={(endpoint) => setFilters({ endpoint: unlessAll(endpoint) })}
          className="sm:w-44"
        />
        {children}
        <DayInput
          label="From"
          value={params.from}
          max={params.to ?? undefined}
          onChange={(from) => setFilters({ from })}
        />
        <DayInput label="To" value={params.to} min={params.from ?? undefined} onChange={(to) => setFilters({ to })} />
        {trailing}
        {filters.filtered ? (
          <Button variant="ghost" className="col-span-2 sm:col-span-1" onClick={filters.clearFilters}>
            <X aria-hidden /> Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
