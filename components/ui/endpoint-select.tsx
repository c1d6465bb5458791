"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { cn } from "@/lib/utils/cn";

/**
 * A filter bar's endpoint choice: "all" or one endpoint's id. An id the list lacks (an endpoint deleted since, or the
 * list still loading) stays selectable, so the URL's filter shows.
 */
export function EndpointSelect({
  value,
  endpoints,
  onChange,
  className,
}: {
  value: string | undefined;
  endpoints: { id: string; name: string }[];
  onChange: (value: string) => void;
  /** For the trigger, e.g. its width. */
  className?: string;
}) {
  const known = !value || endpoints.some((endpoint) => endpoint.id === value);
  return (
    <Select value={value ?? "all"} onValueChange={onChange}>
      <SelectTrigger aria-label="Filter by endpoint" className={cn("w-full", className)}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value="all">All endpoints</SelectItem>
        {endpoints.map((endpoint) => (
          <SelectItem key={endpoint.id} value={endpoint.id}>
            {endpoint.name}
          </SelectItem>
        ))}
        {!known && value ? <SelectItem value={value}>{value}</SelectItem> : null}
      </SelectContent>
    </Select>
  );
}
