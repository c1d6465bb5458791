"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { connectNovitaKeyAction, removeNovitaKeyAction, rotateNovitaKeyAction } from "@/lib/custody/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";
import { useActionForm } from "@/lib/hooks/use-action-form";

/** Paste → test → store. The field is cleared after a save: the page then shows the fingerprint only. */
export function NovitaKeyForm({
  mode,
  disabledReason,
  apiHost,
}: {
  mode: "connect" | "rotate";
  disabledReason: string | null;
  apiHost: string;
}) {
  const router = useRouter();
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/custody/schema").then((schemas) => schemas.novitaKeySchema),
    defaultValues: { apiKey: "" },
    action: mode === "connect" ? connectNovitaKeyAction : rotateNovitaKeyAction,
    onSuccess: (data) => {
      form.reset({ apiKey: "" });
      const found = `${data.endpointCount} endpoint${data.endpointCount === 1 ? "" : "s"} found`;
      toast.success(
        `${mode === "connect" ? "Connected" : "Rotated"}: the console now uses ${data.fingerprint} (${found}).`,
      );
      router.refresh();
    },
  });
  const fieldError = form.formState.errors.apiKey?.message;
  const label = mode === "connect" ? "Novita API key" : "New Novita API key";
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid max-w-xl gap-4"
      aria-label={mode === "connect" ? "Connect a key" : "Rotate the key"}
    >
      <FormAlert message={fieldError ? null : formError} />
      <fieldset
        disabled={disabledReason !== null || pending}
        className="grid gap-4"
        title={disabledReason ?? undefined}
      >
        <TextField
          form={form}
          name="apiKey"
          id="novita-api-key"
          label={label}
          hint={`Tested against ${apiHost} before it is saved.`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="sk_…"
          className="font-mono"
        />
        <div>
          <Button type="submit" loading={pending}>
            {mode === "connect" ? "Test and save key" : "Test and replace key"}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

/** Removing the key sends the console back to its local sandbox; it asks first. */
export function RemoveKeyButton({ fingerprint }: { fingerprint: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const removal = useAction(removeNovitaKeyAction, {
    onSuccess: ({ envKeyInUse }) => {
      setOpen(false);
      toast.success(
        envKeyInUse ? `Removed ${fingerprint}.` : `Removed ${fingerprint}: the console is back on the local sandbox.`,
      );
      router.refresh();
    },
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        removal.reset();
      }}
      trigger={
        <Button type="button" variant="outline" className="w-fit">
          Remove stored key
        </Button>
      }
      title={`Remove the stored key ${fingerprint}?`}
      description={
        "The console goes back to its local sandbox at once. Endpoints and jobs on Novita keep running; " +
        "the console just stops talking to them until a key is connected again."
      }
      confirmLabel="Remove key"
      confirmVariant="destructive"
      onConfirm={() => void removal.run({})}
      pending={removal.pending}
    >
      <FormAlert message={removal.error?.message ?? null} />
    </ConfirmDialog>
  );
}
