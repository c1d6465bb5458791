import type * as React from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";

/**
 * A value shown only once (a new token, signing secret or invite link): a labelled region with what it is and how
 * to use it, the value in a read-only box that selects itself on focus, and a copy button.
 */
export function ShownOnce({
  region,
  title,
  children,
  value,
  valueLabel,
  copyLabel,
}: {
  /** The region's accessible name, e.g. "New token". */
  region: string;
  title?: React.ReactNode;
  /** The note under the title: that it is shown once, and how to use it. */
  children: React.ReactNode;
  value: string;
  /** The box's accessible name (defaults to the region's). */
  valueLabel?: string;
  copyLabel: string;
}) {
  return (
    <section aria-label={region} className="grid gap-2 rounded-lg border border-primary/30 bg-primary/5 p-4">
      {title ? <p className="text-sm font-medium">{title}</p> : null}
      <p className="text-sm text-muted-foreground">{children}</p>
      <div className="flex items-center gap-2">
        <Input
          readOnly
          value={value}
          aria-label={valueLabel ?? region}
          className="font-mono text-xs"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={value} label={copyLabel} size="sm" />
      </div>
    </section>
  );
}
