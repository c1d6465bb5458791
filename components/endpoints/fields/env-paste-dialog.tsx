"use client";

import { ClipboardPaste } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { parseDotEnv, type EnvRow } from "@/lib/endpoints/env";

/** Reads a pasted `.env` block; what it could not read is handed back to be reported, never guessed. */
export function EnvPasteDialog({ onPaste }: { onPaste: (rows: EnvRow[], skipped: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>();

  const apply = () => {
    const { rows, skipped } = parseDotEnv(text);
    if (rows.length === 0) {
      setError(skipped.length ? "No line looks like NAME=value." : "Paste at least one NAME=value line.");
      return;
    }
    onPaste(rows, skipped);
    setText("");
    setError(undefined);
    setOpen(false);
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(undefined);
      }}
      trigger={
        <Button type="button" variant="outline" size="sm">
          <ClipboardPaste aria-hidden />
          Paste .env
        </Button>
      }
      title="Paste a .env file"
      description={
        <>
          One NAME=value per line; quotes, <code>export</code> and # comments are understood. A name that is already set
          takes the pasted value.
        </>
      }
      confirmLabel="Add variables"
      onConfirm={apply}
    >
      <FormField label=".env contents" htmlFor="env-paste" error={error}>
        <Textarea
          rows={8}
          className="font-mono text-xs"
          spellCheck={false}
          placeholder={'HF_TOKEN=hf_…\nMODEL_NAME="sdxl"'}
          value={text}
          {...fieldA11y("env-paste", error)}
          onChange={(event) => setText(event.target.value)}
        />
      </FormField>
    </ConfirmDialog>
  );
}
