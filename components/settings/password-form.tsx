"use client";

import { changePasswordAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { PasswordField } from "@/components/ui/text-field";
import { toast } from "@/components/ui/toaster";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { useActionForm } from "@/lib/hooks/use-action-form";

/** Changing one's own password; the other sessions are signed out. */
export function PasswordForm() {
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/team/schemas").then((schemas) => schemas.changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    action: changePasswordAction,
    onSuccess: () => {
      form.reset();
      toast.success("Password changed. Your other sessions have been signed out.");
    },
  });
  return (
    <form onSubmit={submit} noValidate className="grid max-w-md gap-4" aria-label="Change password">
      <FormAlert message={formError} />
      <PasswordField form={form} name="currentPassword" id="current-password" label="Current password" current />
      <PasswordField
        form={form}
        name="newPassword"
        id="new-password"
        label="New password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <PasswordField form={form} name="confirmPassword" id="confirm-new-password" label="New password again" />
      <div>
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
