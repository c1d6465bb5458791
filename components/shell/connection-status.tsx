"use client";

import Link from "next/link";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { ConnectionSummary } from "@/lib/connection";
import { cn } from "@/lib/utils/cn";

/** Which Novita the console talks to, in the header; a click explains it. */
export function ConnectionStatus({ connection, className }: { connection: ConnectionSummary; className?: string }) {
  const local = connection.mode === "local";
  return (
    <Popover>
      <PopoverTrigger
        className={cn(
          "inline-flex items-center gap-2 rounded-full border px-2.5 py-1 text-xs font-medium text-muted-foreground",
          "hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          className,
        )}
        data-testid="connection-status"
      >
        <span className={cn("size-2 rounded-full", local ? "bg-warning" : "bg-success")} aria-hidden />
        {local ? "Local sandbox" : "Novita"}
      </PopoverTrigger>
      <PopoverContent align="end" className="grid gap-2">
        {local ? (
          <>
            <p className="font-medium">Local sandbox</p>
            <p className="text-muted-foreground">
              The console talks to a simulated Novita running on this server ({connection.apiHost}). Endpoints and jobs
              go through the same API calls, but workers are simulated and nothing is billed.
            </p>
            <p className="text-muted-foreground">
              To use your Novita account, an admin connects a key in{" "}
              <Link href="/settings/connection" className="underline underline-offset-2">
                Settings → Connection
              </Link>{" "}
              (or sets <code className="rounded bg-muted px-1">NOVITA_API_KEY</code> on the server).
            </p>
          </>
        ) : (
          <>
            <p className="font-medium">Connected to Novita</p>
            <p className="text-muted-foreground">
              Calls go to {connection.apiHost} with the team&apos;s API key (
              {connection.source === "env" ? "from NOVITA_API_KEY" : "stored in Settings"}), which stays on this server.
            </p>
            <Link href="/settings/connection" className="text-muted-foreground underline underline-offset-2">
              Settings → Connection
            </Link>
          </>
        )}
      </PopoverContent>
    </Popover>
  );
}
