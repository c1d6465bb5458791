"use client";

import { useLiveState, type LiveState } from "@/lib/hooks/use-live-events";
import { cn } from "@/lib/utils/cn";

const COPY: Record<LiveState, { label: string; title: string; dot: string }> = {
  live: {
    label: "Live",
    title:
      "Live: job changes stream from this console's server as they happen, no reload needed. " +
      "Watching costs no Novita calls.",
    dot: "bg-success",
  },
  connecting: {
    label: "Connecting…",
    title: "Opening the live connection to this console's server.",
    dot: "bg-muted-foreground animate-pulse",
  },
  reconnecting: {
    label: "Reconnecting…",
    title:
      "The live connection to this console's server dropped. " +
      "Reconnecting by itself; nothing that changed meanwhile will be missed.",
    dot: "bg-warning animate-pulse",
  },
};

/** The tab's live connection (see useLiveEvents), in the header. */
export function LiveIndicator({ className }: { className?: string }) {
  const state = useLiveState();
  const copy = COPY[state];
  return (
    <span
      role="status"
      title={copy.title}
      data-testid="live-indicator"
      data-state={state}
      className={cn("inline-flex items-center gap-1.5 px-1.5 text-xs font-medium text-muted-foreground", className)}
    >
      <span className={cn("size-2 rounded-full", copy.dot)} aria-hidden />
      <span className={cn(state === "live" && "max-sm:sr-only")}>{copy.label}</span>
    </span>
  );
}
