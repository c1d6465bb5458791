"use client";

import { ShownOnce } from "@/components/ui/shown-once";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { hasRole, ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/auth/roles";
import { useActionForm } from "@/lib/hooks/use-action-form";
import { createTokenAction } from "@/lib/tokens/actions";
import { TOKEN_EXPIRY_CHOICES, TOKEN_EXPIRY_LABELS } from "@/lib/tokens/expiry";

const capitalized = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** Name, role (up to the member's own) and expiry; the new token is shown once, with a copy button. */
export function CreateTokenForm({ ownRole }: { ownRole: Role }) {
  const router = useRouter();
  const [made, setMade] = useState<{ name: string; key: string } | null>(null);
  const defaults = { name: "", role: hasRole(ownRole, "operator") ? "operator" : "viewer", expires: "90" } as const;
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/tokens/schemas").then((schemas) => schemas.createTokenSchema),
    defaultValues: defaults,
    action: createTokenAction,
    onSuccess: (token) => {
      setMade({ name: token.name, key: token.key });
      form.reset({ ...form.getValues(), name: "" });
      router.refresh();
    },
  });
  const errors = form.formState.errors;
  const role = form.watch("role");
  const roles = [...ROLES].reverse().filter((value) => hasRole(ownRole, value));

  return (
    <div className="grid gap-6">
      <form
        onSubmit={submit}
        noValidate
        aria-label="Create a token"
        className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_10rem_10rem_auto] sm:items-start"
      >
        {formError ? (
          <div className="sm:col-span-4">
            <FormAlert message={formError} />
          </div>
        ) : null}
        <FormField label="Name" htmlFor="token-name" error={errors.name?.message}>
          <Input
            autoComplete="off"
            placeholder="e.g. render-farm script"
            {...fieldA11y("token-name", errors.name?.message)}
            {...form.register("name")}
          />
        </FormField>
        <FormField label="Role" htmlFor="token-role" error={errors.role?.message}>
          <NativeSelect
            {...fieldA11y("token-role", errors.role?.message)}
            {...form.register("role")}
            className="w-full"
          >
            {roles.map((value) => (
              <option key={value} value={value}>
                {capitalized(value)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Expires" htmlFor="token-expires" error={errors.expires?.message}>
          <NativeSelect
            {...fieldA11y("token-expires", errors.expires?.message)}
            {...form.register("expires")}
            defaultValue={defaults.expires}
            className="w-full"
          >
            {TOKEN_EXPIRY_CHOICES.map((value) => (
              <option key={value} value={value}>
                {TOKEN_EXPIRY_LABELS[value]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <div className="sm:pt-[1.375rem]">
          <Button type="submit" loading={pending}>
            Create token
          </Button>
        </div>
        <p className="text-sm text-muted-foreground sm:col-span-4">
          {ROLE_DESCRIPTIONS[role as Role] ?? ""} A token never does more than you may do yourself.
        </p>
      </form>
      {made ? <NewToken name={made.name} tokenKey={made.key} /> : null}
    </div>
  );
}

function NewToken({ name, tokenKey }: { name: string; tokenKey: string }) {
  return (
    <ShownOnce region="New token" title={`Token “${name}”`} value={tokenKey} copyLabel="Copy token">
      Copy it now: it is shown only once and the console keeps only a hash of it. Send it as{" "}
      <code className="font-mono text-xs">Authorization: Bearer …</code>.
    </ShownOnce>
  );
}
