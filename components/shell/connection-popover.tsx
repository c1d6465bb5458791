"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { ConnectionSummary } from "@/lib/connection";

/** The explanation itself, downloaded on its first use (connection-status.tsx) and shown open then. */
export function ConnectionPopover({
  connection,
  className,
  label,
}: {
  connection: ConnectionSummary;
  className: string;
  label: ReactNode;
}) {
  const local = connection.mode === "local";
  return (
    <Popover defaultOpen>
      <PopoverTrigger className={className} data-testid="connection-status">
        {label}
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
