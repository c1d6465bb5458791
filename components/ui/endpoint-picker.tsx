"use client";

import Link from "next/link";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { EndpointView } from "@/lib/endpoints/service";
import { cn } from "@/lib/utils/cn";

/** The name an endpoint goes by in a form: its own name, or its id when it has none. */
export function endpointLabel(view: EndpointView): string {
  return view.endpoint.spec.name || view.endpoint.id;
}

/**
 * A form's choice of the endpoint to send to: each endpoint with its name and image. An id the list lacks (deleted
 * since, or a stale default) stays shown as "(not found)" and cannot be chosen again.
 */
export function EndpointPicker({
  id,
  value,
  endpoints,
  loading,
  onChange,
  disabled,
  invalid,
  className,
}: {
  /** The trigger's id, for its label. */
  id: string;
  value: string;
  endpoints: EndpointView[] | undefined;
  /** Shows "Loading endpoints…" instead of "Choose an endpoint" while nothing is chosen. */
  loading: boolean;
  onChange: (endpointId: string) => void;
  disabled?: boolean;
  invalid?: boolean;
  /** For the trigger, e.g. its widest size. */
  className?: string;
}) {
  const known = endpoints?.some((view) => view.endpoint.id === value);
  return (
    <Select value={value} onValueChange={onChange} disabled={disabled}>
      <SelectTrigger id={id} className={cn("w-full min-w-0 overflow-hidden", className)} aria-invalid={invalid}>
        <SelectValue placeholder={loading ? "Loading endpoints…" : "Choose an endpoint"} />
      </SelectTrigger>
      <SelectContent>
        {endpoints?.map((view) => (
          <SelectItem key={view.endpoint.id} value={view.endpoint.id}>
            <span className="truncate">{endpointLabel(view)}</span>
            <span className="truncate text-xs text-muted-foreground">{view.endpoint.spec.image.image}</span>
          </SelectItem>
        ))}
        {endpoints && value && !known ? (
          <SelectItem value={value} disabled>
            {value} (not found)
          </SelectItem>
        ) : null}
      </SelectContent>
    </Select>
  );
}

/** Under an endpoint picker: why the list could not load, or that there is nothing to pick yet (with a way on). */
export function EndpointListNotes({
  error,
  empty,
  createLabel,
}: {
  /** The loading failure's message. */
  error: string | undefined;
  /** The list loaded and has no endpoints (and saying so helps here). */
  empty: boolean;
  /** The text of the link to the create wizard. */
  createLabel: string;
}) {
  return (
    <>
      {error ? <p className="text-sm text-destructive">Could not load endpoints: {error}</p> : null}
      {empty ? (
        <p className="text-sm text-muted-foreground">
          There are no endpoints yet.{" "}
          <Link href="/endpoints/new" className="underline underline-offset-4">
            {createLabel}
          </Link>{" "}
          first.
        </p>
      ) : null}
    </>
  );
}
