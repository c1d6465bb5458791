"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { cn } from "@/lib/utils/cn";

interface FilterSelectProps {
  value: string | undefined;
  options: { id: string; name: string }[];
  onChange: (value: string) => void;
  /** For the trigger, e.g. its width. */
  className?: string;
}

/**
 * A filter bar's choice: "all" or one option's id. An id the list lacks (deleted since, or the list still loading)
 * stays selectable, so the URL's filter shows.
 */
export function FilterSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
  className,
}: FilterSelectProps & { label: string; allLabel: string }) {
  const known = !value || options.some((option) => option.id === value);
  return (
    <Select value={value ?? "all"} onValueChange={onChange}>
      <SelectTrigger aria-label={label} className={cn("w-full", className)}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="all">{allLabel}</SelectItem>
        {options.map((option) => (
          <SelectItem key={option.id} value={option.id}>
            {option.name}
          </SelectItem>
        ))}
        {!known && value ? <SelectItem value={value}>{value}</SelectItem> : null}
      </SelectContent>
    </Select>
  );
}

/** The endpoint filter: "all" or one endpoint's id. */
export function EndpointSelect(props: FilterSelectProps) {
  return <FilterSelect label="Filter by endpoint" allLabel="All endpoints" {...props} />;
}
