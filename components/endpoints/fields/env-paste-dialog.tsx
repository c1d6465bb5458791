"use client";

import { ClipboardPaste } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
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
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(undefined);
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" variant="outline" size="sm">
          <ClipboardPaste aria-hidden />
          Paste .env
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Paste a .env file</DialogTitle>
          <DialogDescription>
            One NAME=value per line; quotes, <code>export</code> and # comments are understood. A name that is already
            set takes the pasted value.
          </DialogDescription>
        </DialogHeader>
        <FormField label=".env contents" htmlFor="env-paste" error={error}>
          <Textarea
            id="env-paste"
            rows={8}
            className="font-mono text-xs"
            spellCheck={false}
            placeholder={'HF_TOKEN=hf_…\nMODEL_NAME="sdxl"'}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "env-paste-error" : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </FormField>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="button" onClick={apply}>
            Add variables
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
