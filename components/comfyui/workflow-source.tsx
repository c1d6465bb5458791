"use client";

import { AlertTriangle, CheckCircle2, FileUp, Info } from "lucide-react";
import { useId, useMemo, useState, type DragEvent } from "react";
import { FileButton } from "@/components/ui/file-button";
import { Textarea } from "@/components/ui/textarea";
import { parseWorkflowText, UI_FORMAT_EXPLANATION, type ParsedWorkflow, type WorkflowIssue } from "@/lib/comfyui/graph";
import { formatBytes } from "@/lib/format/bytes";
import { cn } from "@/lib/utils/cn";

/** The most a pasted or dropped file may be: workflows are kilobytes; anything this big is not one. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

const PLACEHOLDER =
  'Paste the API-format JSON here ({"3": {"class_type": "KSampler", "inputs": {…}}, …}), ' +
  "or drop the exported .json file.";

/** How to get the API format out of ComfyUI, shown whenever a UI-format ("Save") file arrives. */
export function UiFormatExplanation() {
  return (
    <div role="alert" className="grid gap-2 rounded-lg border border-warning/50 bg-warning/10 px-4 py-3 text-sm">
      <p className="flex items-center gap-2 font-semibold">
        <Info className="size-4 shrink-0" aria-hidden />
        {UI_FORMAT_EXPLANATION.title}
      </p>
      <p className="text-muted-foreground">{UI_FORMAT_EXPLANATION.summary}</p>
      <ol className="grid list-decimal gap-1 pl-5">
        {UI_FORMAT_EXPLANATION.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </div>
  );
}

/** The checks' findings, each naming its node. */
export function WorkflowIssues({
  issues,
  title = "This workflow cannot be saved yet",
}: {
  issues: WorkflowIssue[];
  title?: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        "grid gap-2 rounded-lg border border-destructive/40 bg-destructive/10",
        "px-4 py-3 text-sm text-destructive",
      )}
    >
      <p className="flex items-center gap-2 font-semibold">
        <AlertTriangle className="size-4 shrink-0" aria-hidden />
        {title}
      </p>
      <ul className="grid list-disc gap-1 pl-5" aria-label="Workflow problems">
        {issues.map((issue, index) => (
          <li key={`${index}-${issue.message}`} className="break-words">
            {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Paste, choose or drop a workflow file; parses as you go and says what it found: an API-format graph (and its
 * problems), the UI format (with the way to export the API format), or something else.
 */
export function WorkflowSource({
  onParsed,
  disabled,
  label = "Workflow JSON",
  initialText = "",
}: {
  onParsed: (parsed: ParsedWorkflow | undefined, fileName?: string) => void;
  disabled?: boolean;
  label?: string;
  /** Text to start with (remount with a new key to replace it). */
  initialText?: string;
}) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [dragging, setDragging] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const parsed = useMemo(() => (text.trim() ? parseWorkflowText(text) : undefined), [text]);

  const accept = (next: string, fileName?: string) => {
    setText(next);
    setFileError(null);
    onParsed(next.trim() ? parseWorkflowText(next) : undefined, fileName);
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      const size = formatBytes(file.size);
      setFileError(`${file.name} is ${size}; a workflow file is far smaller. Choose the workflow's .json export.`);
      return;
    }
    accept(await file.text(), file.name);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (disabled) return;
    void readFile(event.dataTransfer.files?.[0]);
  };

  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={id} className="text-sm leading-none font-medium">
          {label}
        </label>
        <FileButton
          accept="application/json,.json"
          onFile={(file) => void readFile(file)}
          disabled={disabled}
          inputLabel="Upload a workflow file"
        >
          <FileUp aria-hidden />
          Choose file…
        </FileButton>
      </div>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="workflow-drop-zone"
        className={cn("relative rounded-md", dragging && "ring-2 ring-primary ring-offset-2 ring-offset-background")}
      >
        <Textarea
          id={id}
          value={text}
          onChange={(event) => accept(event.target.value)}
          disabled={disabled}
          spellCheck={false}
          placeholder={PLACEHOLDER}
          aria-describedby={`${id}-status`}
          className="h-48 resize-y font-mono text-xs"
        />
        {dragging ? (
          <div
            className={cn(
              "pointer-events-none absolute inset-0 flex items-center justify-center",
              "rounded-md bg-background/80 text-sm font-medium",
            )}
          >
            Drop the workflow file
          </div>
        ) : null}
      </div>
      <div id={`${id}-status`} aria-live="polite" className="grid gap-2">
        {fileError ? <p className="text-sm text-destructive">{fileError}</p> : null}
        {parsed?.kind === "ui" ? <UiFormatExplanation /> : null}
        {parsed?.kind === "invalid" ? <p className="text-sm break-words text-destructive">{parsed.message}</p> : null}
        {parsed?.kind === "api" && parsed.issues.length ? <WorkflowIssues issues={parsed.issues} /> : null}
        {parsed?.kind === "api" && !parsed.issues.length ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <CheckCircle2 className="size-4 text-success" aria-hidden />
            API format, {Object.keys(parsed.graph).length} nodes, all links resolve.
            {parsed.outputNodeId ? ` Output node ${parsed.outputNodeId}.` : ""}
          </p>
        ) : null}
      </div>
    </div>
  );
}
