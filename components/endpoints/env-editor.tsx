"use client";

import { Eye, EyeOff, PackagePlus, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { EnvPasteDialog } from "@/components/endpoints/fields/env-paste-dialog";
import { errorOf, fieldId } from "@/components/endpoints/fields/field-kit";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { OBJECT_STORAGE_PRESET, isSecretName, mergeEnvRows, type EnvRow } from "@/lib/endpoints/env";
import type { EndpointForm } from "@/lib/endpoints/form";
import { cn } from "@/lib/utils/cn";

const isBlank = (row: EnvRow) => row.key.trim() === "" && row.value === "";

/**
 * The endpoint's environment variables: rows to add and remove, a `.env` paste, the object-storage preset, and
 * values of secret-looking names masked until revealed, row by row.
 */
export function EnvEditor({ form, suggestObjectStorage = false }: { form: UseFormReturn<EndpointForm>; suggestObjectStorage?: boolean }) {
  const { fields, append, remove, replace } = useFieldArray({ control: form.control, name: "env" });
  const rows = useWatch({ control: form.control, name: "env" }) ?? [];
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
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
    setReport(skipped.length ? `${added} Skipped ${skipped.length} line${skipped.length === 1 ? "" : "s"} without NAME=value: ${skipped.map((line) => line.trim()).join(" · ")}` : added);
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
          {!suggestObjectStorage || presetMissing.length === 0 ? <PresetButton missing={presetMissing.length} onAdd={addPreset} variant="outline" /> : null}
        </div>
      </div>
      {suggestObjectStorage && presetMissing.length > 0 ? (
        <div className="flex flex-col gap-3 rounded-md border border-primary/40 bg-primary/5 p-3 text-sm sm:flex-row sm:items-center sm:justify-between">
          <p>
            The ComfyUI worker uploads images and videos to object storage and returns their URLs when the <code className="font-mono text-xs">BUCKET_*</code>{" "}
            variables are set; without them, outputs come back inline (at most 4 MiB per job).
          </p>
          <PresetButton missing={presetMissing.length} onAdd={addPreset} variant="default" />
        </div>
      ) : null}
      {fields.length === 0 ? (
        <p className="rounded-md border border-dashed px-3 py-4 text-center text-sm text-muted-foreground">No environment variables.</p>
      ) : (
        <ul className="grid gap-3" aria-labelledby="env-editor-title">
          {fields.map((field, index) => {
            const key = rows[index]?.key.trim() ?? "";
            const secret = isSecretName(key);
            const shown = !secret || revealed.has(field.id);
            const keyId = fieldId(`env.${index}.key`);
            const error = errorOf(form, `env.${index}.key`);
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
                    autoComplete="off"
                    spellCheck={false}
                    className="font-mono"
                    {...form.register(`env.${index}.key`)}
                  />
                  <div className="flex gap-2">
                    <Input
                      type={shown ? "text" : "password"}
                      aria-label={`Variable ${index + 1} value`}
                      placeholder="value"
                      autoComplete="off"
                      spellCheck={false}
                      className="font-mono"
                      {...form.register(`env.${index}.value`)}
                    />
                    {secret ? (
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
                    <Button type="button" variant="ghost" size="icon" aria-label={`Remove ${who}`} onClick={() => remove(index)}>
                      <Trash2 aria-hidden />
                    </Button>
                  </div>
                </div>
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

function PresetButton({ missing, onAdd, variant }: { missing: number; onAdd: () => void; variant: "default" | "outline" }) {
  return (
    <Button type="button" variant={variant} size="sm" onClick={onAdd} disabled={missing === 0} title={missing === 0 ? "Already added" : undefined}>
      <PackagePlus aria-hidden />
      Object storage preset
    </Button>
  );
}
