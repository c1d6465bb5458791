"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { apiSnippets, type SnippetLanguage } from "@/lib/endpoints/snippets";
import { cn } from "@/lib/utils/cn";

const LANGUAGES: { value: SnippetLanguage; label: string }[] = [
  { value: "curl", label: "curl" },
  { value: "python", label: "Python" },
  { value: "typescript", label: "TypeScript" },
];

/** Calling the job gateway directly, with the team's key from the environment ($NOVITA_API_KEY). */
export function ApiTab({
  jobsBaseUrl,
  routeName,
  localMode,
}: {
  jobsBaseUrl: string;
  routeName: string;
  localMode: boolean;
}) {
  const snippets = apiSnippets({ jobsBaseUrl, routeName });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Call this endpoint</h2>
        </CardTitle>
        <CardDescription>
          Send jobs straight to the job gateway. The snippets read the key from{" "}
          <code className="rounded bg-muted px-1">$NOVITA_API_KEY</code>.
          {localMode ? (
            <>
              {" "}
              In local mode the gateway is the sandbox, and its key is in{" "}
              <code className="rounded bg-muted px-1">DATA_DIR/sandbox-api-key</code> on the server:{" "}
              <code className="rounded bg-muted px-1">export NOVITA_API_KEY=$(cat data/sandbox-api-key)</code>.
            </>
          ) : null}{" "}
          Jobs sent this way do not appear in the console&apos;s job history.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Tabs defaultValue="curl">
          <TabsList aria-label="Language">
            {LANGUAGES.map((language) => (
              <TabsTrigger key={language.value} value={language.value}>
                {language.label}
              </TabsTrigger>
            ))}
          </TabsList>
          {LANGUAGES.map((language) => (
            <TabsContent key={language.value} value={language.value} className="grid min-w-0 gap-2">
              <div className="flex items-center justify-between gap-2">
                <p className="text-xs text-muted-foreground">
                  Replace the example input with what your worker expects.
                </p>
                <CopyButton text={snippets[language.value]} label={`Copy ${language.label} snippet`} size="sm" />
              </div>
              <pre
                className={cn(
                  "max-h-[28rem] overflow-auto rounded-md border bg-muted/50 p-4",
                  "font-mono text-xs leading-relaxed",
                )}
                aria-label={`${language.label} snippet`}
              >
                <code>{snippets[language.value]}</code>
              </pre>
            </TabsContent>
          ))}
        </Tabs>
      </CardContent>
    </Card>
  );
}
