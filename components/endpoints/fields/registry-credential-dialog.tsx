"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createRegistryCredentialAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PasswordField, TextField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toaster";
import { registryCredentialSchema } from "@/lib/endpoints/actions-schema";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { useAction } from "@/lib/hooks/use-action";
import { ENDPOINT_OPTIONS_QUERY_KEY } from "@/lib/hooks/use-endpoint-options";
import type { RegistryCredential } from "@/lib/novita/types";

type CredentialInput = { name: string; username: string; password: string };
const EMPTY: CredentialInput = { name: "", username: "", password: "" };

/** Saves an image-pull credential at Novita. The password goes there once and is cleared here at once. */
export function RegistryCredentialDialog({ onCreated }: { onCreated: (credential: RegistryCredential) => void }) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const form = useForm<CredentialInput>({ resolver: zodResolver(registryCredentialSchema), defaultValues: EMPTY });
  const save = useAction(createRegistryCredentialAction, {
    onSuccess: (credential) => {
      queryClient.setQueryData<EndpointOptions>(ENDPOINT_OPTIONS_QUERY_KEY, (options) =>
        options
          ? {
              ...options,
              credentials: [...options.credentials.filter((known) => known.id !== credential.id), credential],
            }
          : options,
      );
      onCreated(credential);
      toast.success(`Credential ${credential.name} saved at Novita.`);
      close(false);
    },
    onError: ({ fields = {} }) => {
      for (const name of ["name", "username", "password"] as const)
        if (fields[name]) form.setError(name, { message: fields[name] });
    },
  });

  function close(next: boolean) {
    setOpen(next);
    if (!next) {
      form.reset(EMPTY);
      save.reset();
    }
  }

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={close}
      trigger={
        <Button type="button" variant="outline">
          <KeyRound aria-hidden />
          Add credential
        </Button>
      }
      title="Add a registry credential"
      description={
        "For images in a private registry. The password or token is sent to Novita once; " +
        "this console never shows or stores it."
      }
      // The dialog sits inside the wizard's form in React's tree: ConfirmDialog keeps its submit from bubbling up.
      onSubmit={(event) => void form.handleSubmit((input) => save.run(input))(event)}
      confirmLabel="Save credential"
      pending={save.pending}
    >
      <FormAlert message={save.error?.message ?? null} />
      <TextField
        form={form}
        name="name"
        id="credential-name"
        label="Credential name"
        hint="How it is listed, e.g. dockerhub-team."
        autoComplete="off"
      />
      <TextField form={form} name="username" id="credential-username" label="Registry user name" autoComplete="off" />
      <PasswordField form={form} name="password" id="credential-password" label="Password or access token" />
    </ConfirmDialog>
  );
}
