"use client";

import { Stethoscope } from "lucide-react";
import { useState } from "react";
import { checkNovitaConnectionAction } from "@/lib/custody/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAction } from "@/lib/hooks/use-action";
import type { ConnectionCheck as CheckReport } from "@/lib/novita/check";
import { ConnectionCheckReport } from "./connection-check-report";

/**
 * "Check connection" (admins): asks every Novita call the console relies on and shows, per call, whether the
 * answer had the fields the console reads. Read-only; the report holds paths and field names, never the key.
 */
export function ConnectionCheck({ apiHost, local }: { apiHost: string; local: boolean }) {
  const [report, setReport] = useState<CheckReport | null>(null);
  const check = useAction(checkNovitaConnectionAction, {
    unreachableMessage: "The check could not be run: the console did not answer. Reload the page and try again.",
    onSuccess: (data) => setReport(data),
  });
  const pending = check.pending;

  return (
    <Card data-testid="connection-check">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Stethoscope className="size-4 text-muted-foreground" aria-hidden />
          <h2>Connection check</h2>
        </CardTitle>
        <CardDescription>
          Asks {local ? "the local sandbox" : "Novita"} at {apiHost} every call the console relies on (read-only) and
          compares each answer with the fields the console reads. Run it after Novita changes something, or when a page
          shows less than it should.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div>
          <Button type="button" variant="outline" loading={pending} onClick={() => void check.run({})}>
            {pending ? "Checking…" : "Check connection"}
          </Button>
        </div>
        <FormAlert message={check.error?.message ?? null} />
        {report ? <ConnectionCheckReport report={report} apiHost={apiHost} stale={pending} /> : null}
      </CardContent>
    </Card>
  );
}
