"use client";

import { CodeTabs } from "@/components/ui/code-tabs";
import { CODE_LANGUAGES, callSnippets, type ApiCall } from "@/lib/api/v1/snippets";
import { useOrigin } from "@/lib/hooks/use-origin";

/** An operation's example call in curl, Python and JavaScript, at this page's origin with `$CONSOLE_TOKEN`. */
export function OperationExamples({ call, name }: { call: ApiCall; name: string }) {
  const origin = useOrigin();
  const snippets = callSnippets({ ...call, url: origin + call.url });
  const placeholders = /<[^>]+>/.test(JSON.stringify(call));
  return (
    <CodeTabs
      samples={CODE_LANGUAGES.map((language) => ({ ...language, text: snippets[language.value] }))}
      listLabel={`Example language, ${name}`}
      labelOf={(language) => `${language} example, ${name}`}
      note={placeholders ? "Replace the <placeholders>." : undefined}
    />
  );
}
