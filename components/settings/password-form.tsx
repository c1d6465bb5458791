"use client";

import { changePasswordAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { useActionForm } from "@/lib/hooks/use-action-form";
import { changePasswordSchema } from "@/lib/team/schemas";

export function PasswordForm() {
  const { form, submit, pending, formError } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    action: changePasswordAction,
    onSuccess: () => {
      form.reset();
      toast.success("Password changed. Your other sessions have been signed out.");
    },
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate className="grid max-w-md gap-4" aria-label="Change password">
      <FormAlert message={formError} />
      <FormField label="Current password" htmlFor="current-password" error={errors.currentPassword?.message}>
        <Input
          type="password"
          autoComplete="current-password"
          {...fieldA11y("current-password", errors.currentPassword?.message)}
          {...form.register("currentPassword")}
        />
      </FormField>
      <FormField
        label="New password"
        htmlFor="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.newPassword?.message}
      >
        <Input
          type="password"
          autoComplete="new-password"
          {...fieldA11y("new-password", errors.newPassword?.message)}
          {...form.register("newPassword")}
        />
      </FormField>
      <FormField label="New password again" htmlFor="confirm-new-password" error={errors.confirmPassword?.message}>
        <Input
          type="password"
          autoComplete="new-password"
          {...fieldA11y("confirm-new-password", errors.confirmPassword?.message)}
          {...form.register("confirmPassword")}
        />
      </FormField>
      <div>
        <Button type="submit" loading={pending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
