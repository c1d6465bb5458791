"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeTabs } from "@/components/ui/code-tabs";
import { HeadedTable } from "@/components/ui/headed-table";
import { SectionCard } from "@/components/ui/section-card";
import { TableCell, TableRow } from "@/components/ui/table";
import { CODE_LANGUAGES } from "@/lib/api/v1/snippets";
import type { FormValues } from "@/lib/comfyui/fields";
import { useOrigin } from "@/lib/hooks/use-origin";
import { parseFormDraft, useFormDraftText } from "@/lib/workflows/form-draft";
import {
  RUN_WORKFLOW_ANCHOR,
  workflowApiSnippets,
  workflowRunBody,
  type SnippetField,
} from "@/lib/workflows/api-snippets";

const code = "rounded bg-muted px-1 font-mono";
const link = "underline underline-offset-2";

/**
 * A workflow's API tab: the run as a script sends it through the console (`POST /api/v1/workflows/{id}/runs`
 * with the form's named inputs) and polls its jobs, with a console token; the form's fields by name; and where
 * sending straight to Novita is explained.
 */
export function WorkflowApi({
  workflowId,
  version,
  latestVersion,
  defaultEndpointId,
  fields,
  values,
  valuesNote,
}: {
  workflowId: string;
  version: number;
  latestVersion: number;
  defaultEndpointId: string | null;
  fields: SnippetField[];
  /** The values to fill in by node path (an earlier run's); the defaults otherwise. */
  values?: FormValues;
  /** Where the values come from, e.g. "the inputs of job 1a2b3c4d". */
  valuesNote: string;
}) {
  const origin = useOrigin();
  // Without an earlier run's inputs, the form's unsaved values (this tab's session) when they are of this version.
  const kept = parseFormDraft(useFormDraftText(workflowId));
  const [ignoreDraft, setIgnoreDraft] = useState(false);
  const draft = !values && kept?.version === version ? kept : null;
  const useDraft = !!draft && !ignoreDraft;
  const shownValues = useDraft ? draft.values : values;
  const body = workflowRunBody({
    fields,
    values: shownValues,
    defaultEndpointId,
    endpointId: useDraft ? draft.endpointId : undefined,
    version,
    latestVersion,
  });
  const snippets = workflowApiSnippets({ origin, workflowId, body });
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <SectionCard
        className="min-w-0"
        title="Run from a script"
        description={
          <>
            <code className={code}>POST /api/v1/workflows/{"{id}"}/runs</code> with the form&apos;s named inputs at{" "}
            {useDraft ? `the values in your form, not saved (version ${version})` : valuesNote}, then{" "}
            <code className={code}>GET /api/v1/jobs/{"{id}"}</code> until each job has finished. A console token in{" "}
            <code className={code}>$CONSOLE_TOKEN</code> (make one in{" "}
            <Link href="/settings/tokens" className={link}>
              Settings → API tokens
            </Link>
            ). Jobs sent this way are in the job ledger and the gallery under the token&apos;s owner, like a run from
            the form. Every option (count, sweeps, images) is on the{" "}
            <Link href={`/api-reference#${RUN_WORKFLOW_ANCHOR}`} className={link}>
              API page
            </Link>
            .
          </>
        }
      >
        {draft ? (
          <div className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted-foreground" role="note">
            <span>
              {useDraft
                ? "Following the values you changed in the form (kept for this browser tab)."
                : "Showing the form's saved values; your form has changes."}
            </span>
            <Button type="button" variant="outline" size="sm" onClick={() => setIgnoreDraft(!ignoreDraft)}>
              {useDraft ? "Show the saved values" : "Show my form's values"}
            </Button>
          </div>
        ) : null}
        <CodeTabs
          samples={CODE_LANGUAGES.map((language) => ({ ...language, text: snippets[language.value] }))}
          listLabel="Language"
          labelOf={(language) => `${language} snippet`}
          note={
            body.endpointId === "<endpoint id>"
              ? "This workflow has no default endpoint: replace <endpoint id>."
              : 'Leave out an input to keep its default; a seed may be "random".'
          }
        />
      </SectionCard>

      <SectionCard
        className="min-w-0"
        title="Named inputs"
        description="A field's name is its label as an identifier; hidden fields are left out of the snippet but still settable."
      >
        {fields.length ? (
          <HeadedTable
            label="Named inputs"
            columns={[
              { label: "Name" },
              { label: "Label" },
              { label: "Kind" },
              { label: "Value" },
              { label: "Node input" },
            ]}
          >
            {fields.map((field) => (
              <TableRow key={field.path} className={field.hidden ? "text-muted-foreground" : undefined}>
                <TableCell className="font-mono text-xs">{field.name}</TableCell>
                <TableCell>
                  {field.label}
                  {field.hidden ? " (hidden)" : ""}
                </TableCell>
                <TableCell>{field.kind}</TableCell>
                <TableCell
                  className="max-w-64 truncate font-mono text-xs"
                  title={String(shownValues?.[field.path] ?? field.defaultValue)}
                >
                  {String(shownValues?.[field.path] ?? field.defaultValue)}
                </TableCell>
                <TableCell className="font-mono text-xs text-muted-foreground">{field.path}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        ) : (
          <p className="text-sm text-muted-foreground">
            This workflow has no inputs the console recognises; a run sends it as saved.
          </p>
        )}
      </SectionCard>

      <SectionCard className="min-w-0" title="Straight to Novita">
        <p className="text-sm text-muted-foreground">
          A script can also send the ComfyUI job to Novita&apos;s gateway itself, with the team&apos;s key: each
          endpoint&apos;s API tab
          {defaultEndpointId ? (
            <>
              {" "}
              (
              <Link href={`/endpoints/${encodeURIComponent(defaultEndpointId)}?tab=api`} className={link}>
                this workflow&apos;s default endpoint
              </Link>
              )
            </>
          ) : null}{" "}
          shows how. It loses what the console adds: the named inputs (the script builds the whole graph), the job
          history and attribution, the archived outputs in the gallery, and the results after Novita&apos;s six hours;
          and the script needs the team&apos;s key.
        </p>
      </SectionCard>
    </div>
  );
}
