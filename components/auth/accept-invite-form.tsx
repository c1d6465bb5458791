"use client";

import { acceptInvitationAction } from "@/lib/team/actions";
import { FormAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PasswordField, TextField } from "@/components/ui/text-field";
import { ROLE_DESCRIPTIONS, type Role } from "@/lib/auth/roles";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { useActionForm } from "@/lib/hooks/use-action-form";

/** Joining through an invite link: name and password; the email and role come with the invite. */
export function AcceptInviteForm({ token, email, role }: { token: string; email: string; role: Role }) {
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/team/schemas").then((schemas) => schemas.acceptInviteSchema),
    defaultValues: { token, name: "", password: "", confirmPassword: "" },
    action: acceptInvitationAction,
  });

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
          <TextField form={form} name="name" label="Name" autoComplete="name" autoFocus />
          <PasswordField
            form={form}
            name="password"
            label="Password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          />
          <PasswordField form={form} name="confirmPassword" id="confirm-password" label="Password again" />
          <Button type="submit" loading={pending} className="w-full">
            Create account and sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
