"use client";

import { ShownOnce } from "@/components/ui/shown-once";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { inviteMemberAction } from "@/lib/team/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { TextField } from "@/components/ui/text-field";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { useActionForm } from "@/lib/hooks/use-action-form";

interface MadeInvite {
  link: string;
  email: string;
  role: string;
}

/** Admins: an email and a role make a one-time invite link, shown once. */
export function InviteForm() {
  const router = useRouter();
  const [made, setMade] = useState<MadeInvite | null>(null);
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/team/schemas").then((schemas) => schemas.inviteSchema),
    defaultValues: { email: "", role: "operator" },
    action: inviteMemberAction,
    onSuccess: (invite) => {
      setMade({ link: `${window.location.origin}/invite/${invite.token}`, email: invite.email, role: invite.role });
      form.reset({ email: "", role: invite.role });
      router.refresh();
    },
  });
  const errors = form.formState.errors;
  const role = form.watch("role");

  return (
    <div className="grid gap-6">
      <form
        onSubmit={submit}
        noValidate
        className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-start"
        aria-label="Invite a member"
      >
        {formError ? (
          <div className="sm:col-span-3">
            <FormAlert message={formError} />
          </div>
        ) : null}
        <TextField
          form={form}
          name="email"
          id="invite-email"
          label="Email"
          type="email"
          autoComplete="off"
          placeholder="teammate@example.com"
        />
        <FormField label="Role" htmlFor="invite-role" error={errors.role?.message}>
          <NativeSelect
            {...fieldA11y("invite-role", errors.role?.message)}
            {...form.register("role")}
            className="w-full capitalize"
          >
            {[...ROLES].reverse().map((value) => (
              <option key={value} value={value}>
                {value[0]!.toUpperCase() + value.slice(1)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <div className="sm:pt-[1.375rem]">
          <Button type="submit" loading={pending}>
            Create invite link
          </Button>
        </div>
        <p className="text-sm text-muted-foreground sm:col-span-3">
          {ROLE_DESCRIPTIONS[role as keyof typeof ROLE_DESCRIPTIONS] ?? ""}
        </p>
      </form>
      {made ? (
        <ShownOnce
          region="New invite link"
          title={`Invite link for ${made.email} (${made.role})`}
          value={made.link}
          valueLabel="Invite link"
          copyLabel="Copy invite link"
        >
          Copy it now: it is shown only once. It works one time, for 7 days.
        </ShownOnce>
      ) : null}
    </div>
  );
}
