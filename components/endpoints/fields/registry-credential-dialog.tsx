"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createRegistryCredentialAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
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
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { registryCredentialSchema } from "@/lib/endpoints/actions-schema";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { ENDPOINT_OPTIONS_QUERY_KEY } from "@/lib/hooks/use-endpoint-options";
import type { RegistryCredential } from "@/lib/novita/types";

type CredentialInput = { name: string; username: string; password: string };
const EMPTY: CredentialInput = { name: "", username: "", password: "" };

/** Saves an image-pull credential at Novita. The password goes there once and is cleared here at once. */
export function RegistryCredentialDialog({ onCreated }: { onCreated: (credential: RegistryCredential) => void }) {
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const form = useForm<CredentialInput>({ resolver: zodResolver(registryCredentialSchema), defaultValues: EMPTY });
  const errors = form.formState.errors;

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      form.reset(EMPTY);
      setFormError(null);
    }
  };

  const submit = form.handleSubmit((input) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createRegistryCredentialAction(input);
      if (!result.ok) {
        const fields = result.error.fields ?? {};
        for (const name of ["name", "username", "password"] as const)
          if (fields[name]) form.setError(name, { message: fields[name] });
        setFormError(result.error.message);
        return;
      }
      const credential = result.data;
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
    });
  });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogTrigger asChild>
        <Button type="button" variant="outline">
          <KeyRound aria-hidden />
          Add credential
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Add a registry credential</DialogTitle>
          <DialogDescription>
            For images in a private registry. The password or token is sent to Novita once; this console never shows or
            stores it.
          </DialogDescription>
        </DialogHeader>
        {/* The dialog sits inside the wizard's form in React's tree: its submit must not bubble up to it. */}
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.stopPropagation();
            void submit(event);
          }}
        >
          <FormAlert message={formError} />
          <FormField
            label="Credential name"
            htmlFor="credential-name"
            hint="How it is listed, e.g. dockerhub-team."
            error={errors.name?.message}
          >
            <Input
              autoComplete="off"
              {...fieldA11y("credential-name", errors.name?.message)}
              {...form.register("name")}
            />
          </FormField>
          <FormField label="Registry user name" htmlFor="credential-username" error={errors.username?.message}>
            <Input
              autoComplete="off"
              {...fieldA11y("credential-username", errors.username?.message)}
              {...form.register("username")}
            />
          </FormField>
          <FormField label="Password or access token" htmlFor="credential-password" error={errors.password?.message}>
            <Input
              type="password"
              autoComplete="new-password"
              {...fieldA11y("credential-password", errors.password?.message)}
              {...form.register("password")}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => close(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Save credential
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
