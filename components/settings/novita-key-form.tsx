"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { connectNovitaKeyAction, removeNovitaKeyAction, rotateNovitaKeyAction } from "@/lib/custody/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { novitaKeySchema } from "@/lib/custody/schema";
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
    schema: novitaKeySchema,
    defaultValues: { apiKey: "" },
    action: mode === "connect" ? connectNovitaKeyAction : rotateNovitaKeyAction,
    onSuccess: (data) => {
      form.reset({ apiKey: "" });
      toast.success(
        `${mode === "connect" ? "Connected" : "Rotated"}: the console now uses ${data.fingerprint} (${data.endpointCount} endpoint${data.endpointCount === 1 ? "" : "s"} found).`,
      );
      router.refresh();
    },
  });
  const error = form.formState.errors.apiKey?.message;
  const label = mode === "connect" ? "Novita API key" : "New Novita API key";
  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid max-w-xl gap-4"
      aria-label={mode === "connect" ? "Connect a key" : "Rotate the key"}
    >
      <FormAlert message={error ? null : formError} />
      <fieldset
        disabled={disabledReason !== null || pending}
        className="grid gap-4"
        title={disabledReason ?? undefined}
      >
        <FormField
          label={label}
          htmlFor="novita-api-key"
          hint={`Tested against ${apiHost} before it is saved.`}
          error={error}
        >
          <Input
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk_…"
            className="font-mono"
            {...fieldA11y("novita-api-key", error)}
            {...form.register("apiKey")}
          />
        </FormField>
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
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const remove = () =>
    startTransition(async () => {
      const result = await removeNovitaKeyAction({});
      if (!result.ok) return setError(result.error.message);
      setOpen(false);
      toast.success(
        result.data.envKeyInUse
          ? `Removed ${fingerprint}.`
          : `Removed ${fingerprint}: the console is back on the local sandbox.`,
      );
      router.refresh();
    });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" variant="outline" className="w-fit">
          Remove stored key
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Remove the stored key {fingerprint}?</DialogTitle>
          <DialogDescription>
            The console goes back to its local sandbox at once. Endpoints and jobs on Novita keep running; the console
            just stops talking to them until a key is connected again.
          </DialogDescription>
        </DialogHeader>
        <FormAlert message={error} />
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Cancel
            </Button>
          </DialogClose>
          <Button type="button" variant="destructive" loading={pending} onClick={remove}>
            Remove key
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
