"use client";

import { GitCompare, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { saveVersionAction } from "@/lib/workflows/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toaster";
import { diffGraphs, type GraphChange } from "@/lib/comfyui/diff";
import type { ParsedWorkflow } from "@/lib/comfyui/graph";
import { formatDateTime } from "@/lib/format/time";
import { useAction } from "@/lib/hooks/use-action";
import type { WorkflowVersionView } from "@/lib/workflows/service";
import { WorkflowSource } from "./workflow-source";

function show(value: unknown): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

const CHANGE_STYLE: Record<GraphChange["change"], string> = {
  added: "text-success",
  removed: "text-destructive",
  changed: "text-[color-mix(in_oklch,var(--color-warning)_72%,black)] dark:text-warning",
};

/** One end of the comparison: a version picked from the list. */
function VersionSelect({
  id,
  value,
  versions,
  onChange,
}: {
  id: string;
  value: number;
  versions: WorkflowVersionView[];
  onChange: (version: number) => void;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
      className="h-8 rounded-md border bg-background px-2"
    >
      {versions.map((version) => (
        <option key={version.version} value={version.version}>
          v{version.version}
        </option>
      ))}
    </select>
  );
}

/** Every saved version, what changed between any two, and (for operators) saving a new one. */
export function VersionsPanel({
  workflowId,
  versions,
  canEdit,
  onUseVersion,
  onSaved,
  activeVersion,
}: {
  workflowId: string;
  versions: WorkflowVersionView[];
  canEdit: boolean;
  onUseVersion: (version: number) => void;
  /** After a new version is saved (the page then reloads its data). */
  onSaved: () => void;
  activeVersion: number;
}) {
  const ids = { from: useId(), to: useId(), note: useId() };
  const newest = versions[0]?.version ?? 1;
  const [from, setFrom] = useState(versions[1]?.version ?? newest);
  const [to, setTo] = useState(newest);
  const changes = useMemo(() => {
    const a = versions.find((version) => version.version === from);
    const b = versions.find((version) => version.version === to);
    return a && b ? diffGraphs(a.graph, b.graph) : [];
  }, [versions, from, to]);

  return (
    <div className="grid gap-5">
      <ul className="grid gap-1 text-sm" aria-label="Versions">
        {versions.map((version) => (
          <li
            key={version.version}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md px-2 py-1.5 odd:bg-muted/40"
          >
            <span className="font-medium tabular-nums">v{version.version}</span>
            <span className="min-w-32 flex-1 truncate text-muted-foreground">{version.note || "No note"}</span>
            <span className="text-xs text-muted-foreground" suppressHydrationWarning>
              {formatDateTime(version.createdAt)}
            </span>
            {version.version === activeVersion ? (
              <span className="text-xs font-medium">in the form</span>
            ) : (
              <Button type="button" variant="ghost" size="sm" onClick={() => onUseVersion(version.version)}>
                Use in the form
              </Button>
            )}
          </li>
        ))}
      </ul>

      {versions.length > 1 ? (
        <section className="grid gap-3" aria-labelledby={`${ids.from}-heading`}>
          <h3 id={`${ids.from}-heading`} className="flex items-center gap-2 text-sm font-semibold">
            <GitCompare className="size-4" aria-hidden />
            Compare versions
          </h3>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Label htmlFor={ids.from}>From</Label>
            <VersionSelect id={ids.from} value={from} versions={versions} onChange={setFrom} />
            <Label htmlFor={ids.to}>to</Label>
            <VersionSelect id={ids.to} value={to} versions={versions} onChange={setTo} />
          </div>
          {changes.length === 0 ? (
            <p className="text-sm text-muted-foreground">No differences.</p>
          ) : (
            <ul className="grid gap-1 font-mono text-xs" aria-label={`Changes from v${from} to v${to}`}>
              {changes.map((change) => (
                <li
                  key={change.path}
                  className="grid grid-cols-[minmax(0,10rem)_4.5rem_minmax(0,1fr)] gap-2 break-words"
                >
                  <span className="truncate" title={change.path}>
                    {change.path}
                  </span>
                  <span className={CHANGE_STYLE[change.change]}>{change.change}</span>
                  <span className="min-w-0 break-words">
                    {change.change === "changed"
                      ? `${show(change.before)} → ${show(change.after)}`
                      : change.change === "added"
                        ? show(change.after)
                        : show(change.before)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {canEdit ? (
        <SaveVersionForm workflowId={workflowId} nextVersion={newest + 1} noteId={ids.note} onSaved={onSaved} />
      ) : null}
    </div>
  );
}

function SaveVersionForm({
  workflowId,
  nextVersion,
  noteId,
  onSaved,
}: {
  workflowId: string;
  nextVersion: number;
  noteId: string;
  onSaved: () => void;
}) {
  const router = useRouter();
  const [parsed, setParsed] = useState<ParsedWorkflow | undefined>();
  const [note, setNote] = useState("");
  const [key, setKey] = useState(0);
  const [open, setOpen] = useState(false);
  const { run, pending, error } = useAction(saveVersionAction, {
    onSuccess: ({ version }) => {
      toast.success(`Saved version ${version}. The form's curation carries over.`);
      setKey((current) => current + 1);
      setParsed(undefined);
      setNote("");
      setOpen(false);
      onSaved();
      router.refresh();
    },
  });
  const ready = parsed?.kind === "api" && parsed.issues.length === 0;
  const save = () => {
    if (!ready || parsed?.kind !== "api") return;
    void run({ workflowId, graph: parsed.graph, note });
  };
  if (!open) {
    return (
      <div className="border-t pt-4">
        <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)}>
          <Save aria-hidden />
          Save a new version…
        </Button>
      </div>
    );
  }
  return (
    <form
      className="grid gap-3 border-t pt-4"
      aria-label="Save a new version"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <h3 className="text-sm font-semibold">Save a new version (v{nextVersion})</h3>
      <WorkflowSource
        key={key}
        label="New graph (API format)"
        onParsed={(next) => setParsed(next)}
        disabled={pending}
      />
      <div className="grid gap-2">
        <Label htmlFor={noteId}>What changed (optional)</Label>
        <Input
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          maxLength={500}
          disabled={pending}
        />
      </div>
      {error ? (
        <p role="alert" className="text-sm whitespace-pre-line text-destructive">
          {error.fields?.graph ?? error.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" loading={pending} disabled={!ready}>
          {pending ? null : <Save aria-hidden />}
          Save version {nextVersion}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
