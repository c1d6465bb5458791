"use client";

import { useRouter } from "next/navigation";
import { updateProfileAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { TextField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toaster";
import { useActionForm } from "@/lib/hooks/use-action-form";

/** The signed-in user's display name (the email is fixed). */
export function ProfileForm({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/auth/schemas").then((schemas) => schemas.profileSchema),
    defaultValues: { name },
    action: updateProfileAction,
    onSuccess: (data) => {
      form.reset({ name: data.name });
      toast.success("Profile saved.");
      router.refresh();
    },
  });

  return (
    <form onSubmit={submit} noValidate className="grid max-w-md gap-4">
      <FormAlert message={formError} />
      <TextField
        form={form}
        name="name"
        id="profile-name"
        label="Name"
        hint="Shown to your team next to the jobs you send."
        autoComplete="name"
      />
      <FormField label="Email" htmlFor="profile-email" hint="Your sign-in. Ask an administrator to change it.">
        <Input id="profile-email" value={email} readOnly disabled />
      </FormField>
      <div>
        <Button type="submit" loading={pending} disabled={!form.formState.isDirty}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
