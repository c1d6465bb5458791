"use client";

import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeTabs } from "@/components/ui/code-tabs";
import { apiSnippets, type SnippetKey, type SnippetLanguage } from "@/lib/endpoints/snippets";
import { useOrigin } from "@/lib/hooks/use-origin";

const LANGUAGES: { value: SnippetLanguage; label: string }[] = [
  { value: "curl", label: "curl" },
  { value: "python", label: "Python" },
  { value: "typescript", label: "TypeScript" },
];

const code = "rounded bg-muted px-1";

/**
 * Calling the endpoint from a script: through the console's Novita-compatible gateway with a console token (the
 * recommended way), and straight to Novita with the team's key, with what that loses.
 */
export function ApiTab({
  jobsBaseUrl,
  routeName,
  localMode,
}: {
  jobsBaseUrl: string;
  routeName: string;
  localMode: boolean;
}) {
  const origin = useOrigin();
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Call this endpoint</h2>
          </CardTitle>
          <CardDescription>
            Through the console, with a console token in <code className={code}>$CONSOLE_TOKEN</code> (make one in{" "}
            <Link href="/settings/tokens" className="underline underline-offset-2">
              Settings → API tokens
            </Link>
            ). The calls are Novita&apos;s; jobs sent this way are in the job list under your name, live, with their
            outputs archived and kept after Novita&apos;s six hours.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SnippetTabs jobsBaseUrl={`${origin}/api/novita/v1`} routeName={routeName} snippetKey="CONSOLE_TOKEN" />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Straight to Novita</h2>
          </CardTitle>
          <CardDescription>
            The same calls on Novita&apos;s job gateway, with the team&apos;s key from{" "}
            <code className={code}>$NOVITA_API_KEY</code>.
            {localMode ? (
              <>
                {" "}
                In local mode the gateway is the sandbox, and its key is in{" "}
                <code className={code}>DATA_DIR/sandbox-api-key</code> on the server:{" "}
                <code className={code}>export NOVITA_API_KEY=$(cat data/sandbox-api-key)</code>.
              </>
            ) : null}{" "}
            What it loses: jobs sent this way do not appear in the console&apos;s job history, are not attributed to
            anyone, their outputs are not archived, and Novita forgets them after six hours. The script also needs the
            team&apos;s key, which the console otherwise keeps on its server.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SnippetTabs jobsBaseUrl={jobsBaseUrl} routeName={routeName} snippetKey="NOVITA_API_KEY" />
        </CardContent>
      </Card>
    </div>
  );
}

function SnippetTabs({
  jobsBaseUrl,
  routeName,
  snippetKey,
}: {
  jobsBaseUrl: string;
  routeName: string;
  snippetKey: SnippetKey;
}) {
  const snippets = apiSnippets({ jobsBaseUrl, routeName, key: snippetKey });
  // The console's set keeps the plain names ("curl snippet"); the direct set says where it goes.
  const suffix = snippetKey === "NOVITA_API_KEY" ? ", straight to Novita" : "";
  return (
    <CodeTabs
      samples={LANGUAGES.map((language) => ({ ...language, text: snippets[language.value] }))}
      listLabel={`Language${suffix}`}
      labelOf={(language) => `${language} snippet${suffix}`}
      note="Replace the example input with what your worker expects."
    />
  );
}
