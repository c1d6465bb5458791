"use client";

import { lazy, Suspense } from "react";
import { useDeferredPopup } from "@/components/ui/deferred-popup";
import type { ConnectionSummary } from "@/lib/connection";
import { cn } from "@/lib/utils/cn";

const loadPopover = () => import("./connection-popover");
const ConnectionPopover = lazy(() => loadPopover().then((module) => ({ default: module.ConnectionPopover })));

/**
 * Which Novita the console talks to, in the header; a click explains it. The explanation downloads on first use
 * (components/ui/deferred-popup.tsx).
 */
export function ConnectionStatus({ connection, className }: { connection: ConnectionSummary; className?: string }) {
  const local = connection.mode === "local";
  const { openedWith, triggerProps } = useDeferredPopup("dialog", loadPopover);
  const classes = cn(
    "inline-flex items-center gap-2 rounded-full border px-2.5 py-1 text-xs font-medium text-muted-foreground",
    "hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
    className,
  );
  const label = (
    <>
      <span className={cn("size-2 rounded-full", local ? "bg-warning" : "bg-success")} aria-hidden />
      {local ? "Local sandbox" : "Novita"}
    </>
  );
  const placeholder = (
    <button className={classes} data-testid="connection-status" {...triggerProps}>
      {label}
    </button>
  );
  if (!openedWith) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <ConnectionPopover connection={connection} className={classes} label={label} />
    </Suspense>
  );
}
