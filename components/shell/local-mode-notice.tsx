import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Says plainly, on the overview, that the console is running against its sandbox and what that means. */
export function LocalModeNotice({ apiHost }: { apiHost: string }) {
  return (
    <Card className="mb-6 border-warning/50 bg-warning/5" data-testid="local-mode-notice">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <FlaskConical className="size-4 text-warning" aria-hidden />
          <h2>You are in local mode</h2>
        </CardTitle>
        <CardDescription>
          No Novita API key is configured, so the console talks to its built-in sandbox at {apiHost}: a local server
          that speaks Novita&apos;s API and runs jobs on simulated workers.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm text-muted-foreground">
        <ul className="grid list-disc gap-1 pl-5">
          <li>Endpoints you create here exist only in the sandbox; nothing is billed.</li>
          <li>
            Workers follow the endpoint&apos;s image: a <strong>ComfyUI</strong> image renders real PNG pictures from
            your workflow, a <strong>sleep</strong> image waits, any other image echoes its input.
          </li>
          <li>Scaling, cold starts, queues, the 4 MiB limits and the 6-hour result retention behave as on Novita.</li>
        </ul>
        <p>
          To use your Novita account, an admin connects its API key in{" "}
          <Link href="/settings/connection" className="font-medium text-foreground underline underline-offset-2">
            Settings → Connection
          </Link>{" "}
          (it takes effect at once), or sets <code className="rounded bg-muted px-1">NOVITA_API_KEY</code> in the
          server&apos;s environment.
        </p>
      </CardContent>
    </Card>
  );
}
