"use client";

import { acceptInvitationAction } from "@/lib/team/actions";
import { FormAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ROLE_DESCRIPTIONS, type Role } from "@/lib/auth/roles";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { useActionForm } from "@/lib/hooks/use-action-form";
import { acceptInviteSchema } from "@/lib/team/schemas";

export function AcceptInviteForm({ token, email, role }: { token: string; email: string; role: Role }) {
  const { form, submit, pending, formError } = useActionForm({
    schema: acceptInviteSchema,
    defaultValues: { token, name: "", password: "", confirmPassword: "" },
    action: acceptInvitationAction,
  });
  const errors = form.formState.errors;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Join the console</h1>
        </CardTitle>
        <CardDescription className="grid gap-2">
          <span>
            You were invited as{" "}
            <Badge variant="secondary" className="capitalize">
              {role}
            </Badge>
          </span>
          <span>{ROLE_DESCRIPTIONS[role]}</span>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormAlert message={formError} />
          <div className="grid gap-1 text-sm">
            <span className="text-muted-foreground">You will sign in as</span>
            <span className="font-medium [overflow-wrap:anywhere]">{email}</span>
          </div>
          <FormField label="Name" htmlFor="name" error={errors.name?.message}>
            <Input
              autoComplete="name"
              autoFocus
              {...fieldA11y("name", errors.name?.message)}
              {...form.register("name")}
            />
          </FormField>
          <FormField
            label="Password"
            htmlFor="password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            error={errors.password?.message}
          >
            <Input
              type="password"
              autoComplete="new-password"
              {...fieldA11y("password", errors.password?.message)}
              {...form.register("password")}
            />
          </FormField>
          <FormField label="Password again" htmlFor="confirm-password" error={errors.confirmPassword?.message}>
            <Input
              type="password"
              autoComplete="new-password"
              {...fieldA11y("confirm-password", errors.confirmPassword?.message)}
              {...form.register("confirmPassword")}
            />
          </FormField>
          <Button type="submit" loading={pending} className="w-full">
            Create account and sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
