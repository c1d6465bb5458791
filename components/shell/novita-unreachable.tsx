"use client";

import { CloudOff } from "lucide-react";
import { formatClock, formatInstant } from "@/lib/format/time";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import { useNovitaReachability } from "@/lib/hooks/use-novita-reachability";
import type { Reachability } from "@/lib/novita/reachability";
import { cn } from "@/lib/utils/cn";

/** "15:05" in the viewer's zone once in the browser; the server's render says it in UTC. */
function since(at: string, hydrated: boolean): string {
  return hydrated ? formatClock(at).replace(/:\d\d(?=\D*$)/, "") : `${formatInstant(at).slice(-12, -7)} UTC`;
}

/**
 * The header's notice while the console's calls to Novita fail at the network level or with 5xx (see
 * lib/novita/reachability.ts): since when, what it means and what to do. Nothing while Novita answers.
 */
export function NovitaUnreachable({
  initial,
  local,
  className,
}: {
  initial: Reachability;
  /** The console talks to its local sandbox, not Novita: the advice says where to look. */
  local: boolean;
  className?: string;
}) {
  const state = useNovitaReachability(initial);
  const hydrated = useHydrated();
  if (!state.unreachableSince) return null;
  return (
    <div
      role="status"
      data-testid="novita-unreachable"
      className={cn(
        "flex items-start gap-2 border-t px-3 py-2 text-sm sm:items-center sm:px-6",
        "border-warning/40 bg-warning/15 text-foreground",
        className,
      )}
    >
      <CloudOff
        className="mt-0.5 size-4 shrink-0 text-[color-mix(in_oklch,var(--color-warning)_60%,black)] sm:mt-0 dark:text-warning"
        aria-hidden
      />
      <p className="min-w-0">
        <span className="font-medium">Novita unreachable since {since(state.unreachableSince, hydrated)}</span>
        {state.reason ? <span className="text-muted-foreground"> ({state.reason})</span> : null}
        <span className="text-muted-foreground">
          {" "}
          — jobs are kept and none is marked failed; sending and tracking resume on their own.
        </span>
        <span className="text-muted-foreground max-sm:hidden">
          {" "}
          {local
            ? "Check that the local sandbox is running (SANDBOX_PORT)."
            : "If this lasts, check this server's network and Novita's status page."}
        </span>
      </p>
    </div>
  );
}
