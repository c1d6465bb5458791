"use client";

import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils/cn";

/** One language's code. */
export interface CodeSample {
  value: string;
  label: string;
  text: string;
}

/**
 * Code in several languages, one tab each, with a copy button: the API snippets of an endpoint, a workflow and the
 * API page. The block scrolls sideways rather than widening the page.
 */
export function CodeTabs({
  samples,
  listLabel,
  labelOf,
  note,
}: {
  samples: CodeSample[];
  /** The tab list's accessible name, e.g. "Language". */
  listLabel: string;
  /** Each block's accessible name ("curl snippet"); its copy button is "Copy <that>". */
  labelOf: (languageLabel: string) => string;
  /** A line left of the copy button. */
  note?: ReactNode;
}) {
  return (
    <Tabs defaultValue={samples[0]?.value} className="min-w-0">
      <TabsList aria-label={listLabel}>
        {samples.map((sample) => (
          <TabsTrigger key={sample.value} value={sample.value}>
            {sample.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {samples.map((sample) => (
        <TabsContent key={sample.value} value={sample.value} className="grid min-w-0 gap-2">
          <div className="flex items-center justify-between gap-2">
            {note ? <p className="text-xs text-muted-foreground">{note}</p> : <span />}
            <CopyButton text={sample.text} label={`Copy ${labelOf(sample.label)}`} size="sm" />
          </div>
          <pre
            className={cn(
              "max-h-[28rem] overflow-auto rounded-md border bg-muted/50 p-4",
              "font-mono text-xs leading-relaxed",
            )}
            aria-label={labelOf(sample.label)}
          >
            <code>{sample.text}</code>
          </pre>
        </TabsContent>
      ))}
    </Tabs>
  );
}
