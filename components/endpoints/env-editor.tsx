"use client";

import { Eye, EyeOff, PackagePlus, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { EnvPasteDialog } from "@/components/endpoints/fields/env-paste-dialog";
import { errorOf, fieldId } from "@/components/endpoints/fields/field-kit";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { revealEndpointEnvValueAction } from "@/lib/endpoints/actions";
import { OBJECT_STORAGE_PRESET, isSecretName, mergeEnvRows, type EnvRow } from "@/lib/endpoints/env";
import type { EndpointForm } from "@/lib/endpoints/form";
import { isMaskedEnvValue } from "@/lib/endpoints/secret-env";
import { adminOnlyNote, BUCKET_URL_KEY } from "@/lib/endpoints/secret-guard";
import { useAction } from "@/lib/hooks/use-action";
import { cn } from "@/lib/utils/cn";

const isBlank = (row: EnvRow) => row.key.trim() === "" && row.value === "";
/** Names and values are code, not prose: no autofill, no spelling marks, monospace. */
const CODE_BOX = { autoComplete: "off", spellCheck: false, className: "font-mono" } as const;

/** An existing endpoint's hidden values: admins may fetch one at a time (audited on the server). */
export interface EnvRevealContext {
  endpointId: string;
  canReveal: boolean;
  /** An operator while the form keeps hidden values: the bucket URL (where storage credentials go) is locked. */
  bucketUrlLocked?: boolean;
}

/**
 * The endpoint's environment variables: rows to add and remove, a `.env` paste, the object-storage preset, and
 * values of secret-looking names masked until revealed, row by row. Saved secrets arrive from the server as a
 * placeholder (never the value); saving the placeholder keeps the saved value.
 */
export function EnvEditor({
  form,
  suggestObjectStorage = false,
  reveal,
}: {
  form: UseFormReturn<EndpointForm>;
  suggestObjectStorage?: boolean;
  reveal?: EnvRevealContext;
}) {
  const { fields, append, remove, replace } = useFieldArray({ control: form.control, name: "env" });
  const rows = useWatch({ control: form.control, name: "env" }) ?? [];
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [savedValues, setSavedValues] = useState<Record<string, { value: string } | { error: string } | undefined>>({});
  const [report, setReport] = useState<string | null>(null);
  // Suggested prominently (ComfyUI) while missing; otherwise a plain button, disabled once every name is set.
  const presetMissing = OBJECT_STORAGE_PRESET.filter((preset) => !rows.some((row) => row.key.trim() === preset.key));

  const toggleReveal = (id: string) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const addPreset = () => {
    replace([...form.getValues("env").filter((row) => !isBlank(row)), ...presetMissing.map((row) => ({ ...row }))]);
    setReport(`Added ${presetMissing.map((row) => row.key).join(", ")}: fill in your bucket's values.`);
  };

  const paste = (pasted: EnvRow[], skipped: string[]) => {
    replace(mergeEnvRows(form.getValues("env"), pasted));
    const added = `Added ${pasted.length} variable${pasted.length === 1 ? "" : "s"} from the paste.`;
    const lines = `${skipped.length} line${skipped.length === 1 ? "" : "s"}`;
    const unread = skipped.map((line) => line.trim()).join(" · ");
    setReport(skipped.length ? `${added} Skipped ${lines} without NAME=value: ${unread}` : added);
    void form.trigger("env");
  };

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-medium" id="env-editor-title">
          Environment variables
        </h3>
        <div className="flex flex-wrap gap-2">
          <EnvPasteDialog onPaste={paste} />
          {!suggestObjectStorage || presetMissing.length === 0 ? (
            <PresetButton missing={presetMissing.length} onAdd={addPreset} variant="outline" />
          ) : null}
        </div>
      </div>
      {suggestObjectStorage && presetMissing.length > 0 ? (
        <div
          className={cn(
            "flex flex-col gap-3 rounded-md border border-primary/40 bg-primary/5 p-3 text-sm",
            "sm:flex-row sm:items-center sm:justify-between",
          )}
        >
          <p>
            The ComfyUI worker uploads images and videos to object storage and returns their URLs when the{" "}
            <code className="font-mono text-xs">BUCKET_*</code> variables are set; without them, outputs come back
            inline (at most 4 MiB per job).
          </p>
          <PresetButton missing={presetMissing.length} onAdd={addPreset} variant="default" />
        </div>
      ) : null}
      {fields.length === 0 ? (
        <p className="rounded-md border border-dashed px-3 py-4 text-center text-sm text-muted-foreground">
          No environment variables.
        </p>
      ) : (
        <ul className="grid gap-3" aria-labelledby="env-editor-title">
          {fields.map((field, index) => {
            const key = rows[index]?.key.trim() ?? "";
            const secret = isSecretName(key);
            const hidden = isMaskedEnvValue(rows[index]?.value ?? "");
            const shown = !secret || (!hidden && revealed.has(field.id));
            const keyId = fieldId(`env.${index}.key`);
            const valueId = fieldId(`env.${index}.value`);
            const error = errorOf(form, `env.${index}.key`) ?? errorOf(form, `env.${index}.value`);
            const valueLocked = !!reveal?.bucketUrlLocked && key === BUCKET_URL_KEY;
            const who = key || `variable ${index + 1}`;
            return (
              <li key={field.id} className="grid gap-1 rounded-md border p-2 sm:border-0 sm:p-0">
                <div className="grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
                  <Input
                    id={keyId}
                    aria-label={`Variable ${index + 1} name`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${keyId}-error` : undefined}
                    placeholder="NAME"
                    {...CODE_BOX}
                    {...form.register(`env.${index}.key`)}
                  />
                  <div className="flex gap-2">
                    {/* A disabled fieldset keeps the value in react-hook-form (a disabled input would drop it). */}
                    <fieldset disabled={valueLocked} className="min-w-0 flex-1">
                      <Input
                        id={valueId}
                        type={shown ? "text" : "password"}
                        aria-label={`Variable ${index + 1} value`}
                        aria-describedby={valueLocked ? `${valueId}-locked` : undefined}
                        placeholder="value"
                        {...CODE_BOX}
                        {...form.register(`env.${index}.value`)}
                      />
                    </fieldset>
                    {secret && hidden ? (
                      reveal?.canReveal ? (
                        <RevealSavedValue
                          endpointId={reveal.endpointId}
                          variable={key}
                          shown={savedValues[field.id] !== undefined}
                          onShow={(value) =>
                            setSavedValues((current) => ({ ...current, [field.id]: value ?? undefined }))
                          }
                        />
                      ) : null
                    ) : secret ? (
                      <Button
                        type="button"
                        variant="outline"
                        size="icon"
                        aria-label={`${shown ? "Hide" : "Show"} value of ${who}`}
                        aria-pressed={shown}
                        onClick={() => toggleReveal(field.id)}
                      >
                        {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
                      </Button>
                    ) : null}
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove ${who}`}
                      onClick={() => remove(index)}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                </div>
                {secret && hidden && savedValues[field.id] ? (
                  <output
                    aria-label={`Saved value of ${key}`}
                    className={cn(
                      "rounded-md border bg-muted/40 px-2 py-1 font-mono text-xs break-all",
                      "error" in savedValues[field.id]! && "text-destructive",
                    )}
                  >
                    {"error" in savedValues[field.id]!
                      ? (savedValues[field.id] as { error: string }).error
                      : (savedValues[field.id] as { value: string }).value}
                  </output>
                ) : null}
                {secret && hidden ? (
                  <p className="text-xs text-muted-foreground">
                    Saved value hidden{reveal?.canReveal ? "" : " (an administrator can reveal it)"}; type a new value
                    to replace it.
                  </p>
                ) : null}
                {valueLocked ? (
                  <p id={`${valueId}-locked`} className="text-xs text-muted-foreground">
                    {adminOnlyNote("bucketUrl")}.
                  </p>
                ) : null}
                {error ? (
                  <p id={`${keyId}-error`} role="alert" className="text-sm font-medium text-destructive">
                    {error}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <div>
        <Button type="button" variant="outline" size="sm" onClick={() => append({ key: "", value: "" })}>
          <Plus aria-hidden />
          Add variable
        </Button>
      </div>
      <p role="status" className={cn("text-sm text-muted-foreground", !report && "sr-only")}>
        {report}
      </p>
    </div>
  );
}

function PresetButton({
  missing,
  onAdd,
  variant,
}: {
  missing: number;
  onAdd: () => void;
  variant: "default" | "outline";
}) {
  return (
    <Button
      type="button"
      variant={variant}
      size="sm"
      onClick={onAdd}
      disabled={missing === 0}
      title={missing === 0 ? "Already added" : undefined}
    >
      <PackagePlus aria-hidden />
      Object storage preset
    </Button>
  );
}

/** Fetches the saved value of one secret (admins); the editor shows it under the row until hidden again. */
function RevealSavedValue({
  endpointId,
  variable,
  shown,
  onShow,
}: {
  endpointId: string;
  variable: string;
  shown: boolean;
  onShow: (value: { value: string } | { error: string } | null) => void;
}) {
  const reveal = useAction(revealEndpointEnvValueAction, {
    unreachableMessage: "The server refused to reveal it (only administrators may) or could not be reached.",
    onSuccess: ({ value }) => onShow({ value }),
    onError: ({ message }) => onShow({ error: message }),
  });
  const toggle = () => (shown ? onShow(null) : void reveal.run({ id: endpointId, key: variable }));
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      className="h-9 shrink-0"
      loading={reveal.pending}
      aria-pressed={shown}
      onClick={toggle}
    >
      {shown ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
      {shown ? "Hide" : "Reveal"}
      <span className="sr-only"> saved value of {variable}</span>
    </Button>
  );
}
