"use client";

import { ArrowDown, ArrowUp, ChevronRight, Dices, EyeOff, ImageUp, X } from "lucide-react";
import { useId, type ChangeEvent, type ReactNode } from "react";
import { SizeMeter } from "@/components/jobs/editor/size-meter";
import type { RequestSize } from "@/components/jobs/editor/json-text";
import { Button } from "@/components/ui/button";
import { FileButton } from "@/components/ui/file-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { CuratedField } from "@/lib/comfyui/curation";
import { randomSeed, type FieldGroup, type FormValues } from "@/lib/comfyui/fields";
import { cn } from "@/lib/utils/cn";

export interface ImageUpload {
  /** The name the LoadImage node will read (sent in the worker's `images` list). */
  name: string;
  /** Base64 without a data: prefix. */
  base64: string;
  bytes: number;
  previewUrl: string;
}

export interface CurationControls {
  onHide: (path: string, hidden: boolean) => void;
  onRename: (path: string, label: string) => void;
  onMove: (path: string, direction: -1 | 1) => void;
  onGroup: (path: string, group: FieldGroup) => void;
}

interface FormProps {
  fields: CuratedField[];
  values: FormValues;
  onValue: (path: string, value: string | number) => void;
  randomise: Record<string, boolean>;
  onRandomise: (path: string, on: boolean) => void;
  images: Record<string, ImageUpload>;
  onImage: (path: string, file: File | undefined) => void;
  imageError: string | null;
  errors: Record<string, string>;
  size: RequestSize;
  disabled: boolean;
  /** Present while the team curates the form. */
  curation: CurationControls | undefined;
  onHighlight: (nodeId: string | undefined) => void;
}

/** The workflow's input form: basic fields first, the rest under "Advanced"; curation controls while curating. */
export function WorkflowForm(props: FormProps) {
  const { fields, curation } = props;
  const shown = curation ? fields : fields.filter((field) => !field.hidden);
  const basic = shown.filter((field) => field.group === "basic");
  const advanced = shown.filter((field) => field.group === "advanced");
  const hasImages = fields.some((field) => field.kind === "image" && !field.hidden);
  if (fields.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        This workflow has no inputs the console recognises (prompts, seeds, sizes, models, images); it runs as saved.
      </p>
    );
  }
  const render = (list: CuratedField[]) =>
    list.map((field) => (
      <FieldRow key={field.path} field={field} index={fields.indexOf(field)} count={fields.length} {...props} />
    ));
  return (
    <div className="grid gap-4">
      {render(basic)}
      {advanced.length ? (
        <details className="group rounded-lg border px-3 py-2 open:pb-3" open={!!curation || undefined}>
          <summary className="flex cursor-pointer list-none items-center gap-2 text-sm font-medium select-none">
            <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
            Advanced{" "}
            <span className="font-normal text-muted-foreground">
              · {advanced.length} {advanced.length === 1 ? "field" : "fields"}
            </span>
          </summary>
          <div className="mt-3 grid gap-4">{render(advanced)}</div>
        </details>
      ) : null}
      {hasImages ? (
        <div className="grid gap-1">
          <SizeMeter size={props.size} />
          <p className="text-xs text-muted-foreground">
            Images travel inside the job, base64-encoded (a third larger); Novita accepts at most 4 MiB per job.
          </p>
        </div>
      ) : null}
    </div>
  );
}

function FieldRow({
  field,
  index,
  count,
  values,
  onValue,
  randomise,
  onRandomise,
  images,
  onImage,
  imageError,
  errors,
  disabled,
  curation,
  onHighlight,
}: FormProps & { field: CuratedField; index: number; count: number }) {
  const id = useId();
  const error = errors[field.path];
  const value = values[field.path] ?? field.defaultValue;
  const describedBy = [error ? `${id}-error` : null, `${id}-node`].filter(Boolean).join(" ");
  // What every text-like control shares: its id, state, description, value and how it reports a change.
  const common = {
    id,
    disabled,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    value: String(value),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onValue(field.path, event.target.value),
  } as const;
  let control: ReactNode;
  switch (field.kind) {
    case "prompt":
      control = (
        <Textarea {...common} rows={field.label.toLowerCase().includes("negative") ? 2 : 3} className="min-h-16" />
      );
      break;
    case "seed":
      control = (
        <div className="flex flex-wrap items-center gap-2">
          <Input
            {...common}
            inputMode="numeric"
            className="w-52 font-mono tabular-nums"
            disabled={disabled || randomise[field.path]}
          />
          <Button
            type="button"
            variant="outline"
            size="icon"
            aria-label={`New random ${field.label.toLowerCase()}`}
            onClick={() => onValue(field.path, randomSeed())}
            disabled={disabled || randomise[field.path]}
          >
            <Dices aria-hidden />
          </Button>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={!!randomise[field.path]}
              onChange={(event) => onRandomise(field.path, event.target.checked)}
              disabled={disabled}
            />
            Randomise each run
          </label>
        </div>
      );
      break;
    case "image":
      control = (
        <ImageControl
          field={field}
          id={id}
          upload={images[field.path]}
          onImage={onImage}
          disabled={disabled}
          error={imageError}
        />
      );
      break;
    case "choice":
      control = (
        <>
          <Input {...common} list={`${id}-list`} className="max-w-xs" />
          <datalist id={`${id}-list`}>
            {field.suggestions?.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        </>
      );
      break;
    case "model":
      control = <Input {...common} className="font-mono text-xs" />;
      break;
    default:
      control = (
        <Input
          {...common}
          type="number"
          min={field.min}
          max={field.max}
          step={field.step}
          className="w-36 tabular-nums"
        />
      );
  }
  return (
    <div
      className={cn("grid gap-1.5 rounded-md", field.hidden && "opacity-60", curation && "border border-dashed p-2")}
      data-path={field.path}
      onMouseEnter={() => onHighlight(field.nodeId)}
      onMouseLeave={() => onHighlight(undefined)}
      onFocusCapture={() => onHighlight(field.nodeId)}
      onBlurCapture={() => onHighlight(undefined)}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <Label htmlFor={field.kind === "image" ? `${id}-file` : id} className={cn(error && "text-destructive")}>
          {field.label}
          {field.hidden ? <EyeOff className="size-3.5 text-muted-foreground" aria-label="hidden" /> : null}
        </Label>
        <span id={`${id}-node`} className="truncate text-xs text-muted-foreground">
          {field.nodeTitle ?? field.classType} · <span className="font-mono">{field.path}</span>
        </span>
      </div>
      {control}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
      {curation ? <CurationRow field={field} index={index} count={count} controls={curation} /> : null}
    </div>
  );
}

function ImageControl({
  field,
  id,
  upload,
  onImage,
  disabled,
  error,
}: {
  field: CuratedField;
  id: string;
  upload: ImageUpload | undefined;
  onImage: FormProps["onImage"];
  disabled: boolean;
  error: string | null;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      {upload ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data: URL of the chosen file
        <img
          src={upload.previewUrl}
          alt={`Chosen image ${upload.name}`}
          className="size-16 rounded-md border object-cover"
        />
      ) : (
        <div className="flex size-16 items-center justify-center rounded-md border border-dashed text-muted-foreground">
          <ImageUp className="size-5" aria-hidden />
        </div>
      )}
      <div className="grid gap-1 text-sm">
        <span className="font-mono text-xs break-all">
          {upload ? upload.name : `${String(field.defaultValue)} (from the workflow: the worker must already have it)`}
        </span>
        <div className="flex gap-2">
          <FileButton
            accept="image/png,image/jpeg,image/webp"
            onFile={(file) => onImage(field.path, file)}
            disabled={disabled}
            inputId={`${id}-file`}
          >
            {upload ? "Replace image…" : "Choose image…"}
          </FileButton>
          {upload ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => onImage(field.path, undefined)}
              disabled={disabled}
              aria-label={`Remove ${upload.name}`}
            >
              <X aria-hidden />
              Remove
            </Button>
          ) : null}
        </div>
        {error ? <p className="text-sm text-destructive">{error}</p> : null}
      </div>
    </div>
  );
}

const MOVES = [
  { direction: -1, word: "up", Icon: ArrowUp },
  { direction: 1, word: "down", Icon: ArrowDown },
] as const;

function CurationRow({
  field,
  index,
  count,
  controls,
}: {
  field: CuratedField;
  index: number;
  count: number;
  controls: CurationControls;
}) {
  const id = useId();
  return (
    <div
      className="flex flex-wrap items-center gap-2 border-t pt-2 text-xs"
      role="group"
      aria-label={`Curate ${field.generatedLabel} (${field.path})`}
    >
      <label className="flex items-center gap-1.5">
        <input
          type="checkbox"
          className="size-3.5 accent-primary"
          checked={field.hidden}
          onChange={(event) => controls.onHide(field.path, event.target.checked)}
        />
        Hide
      </label>
      <label htmlFor={`${id}-label`} className="sr-only">
        Label for {field.path}
      </label>
      <Input
        id={`${id}-label`}
        defaultValue={field.label === field.generatedLabel ? "" : field.label}
        placeholder={field.generatedLabel}
        onBlur={(event) => controls.onRename(field.path, event.target.value)}
        className="h-7 w-40 text-xs"
      />
      <label className="flex items-center gap-1.5">
        <span className="sr-only">Group of {field.path}</span>
        <select
          value={field.group}
          onChange={(event) => controls.onGroup(field.path, event.target.value as FieldGroup)}
          className="h-7 rounded-md border bg-background px-1.5 text-xs"
        >
          <option value="basic">Basic</option>
          <option value="advanced">Advanced</option>
        </select>
      </label>
      {MOVES.map(({ direction, word, Icon }) => (
        <Button
          key={word}
          type="button"
          variant="ghost"
          size="icon"
          className="size-7"
          aria-label={`Move ${field.label} ${word}`}
          disabled={direction === -1 ? index === 0 : index === count - 1}
          onClick={() => controls.onMove(field.path, direction)}
        >
          <Icon aria-hidden />
        </Button>
      ))}
    </div>
  );
}
