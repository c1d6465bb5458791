"use client";

import { signInAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PasswordField, TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/lib/hooks/use-action-form";

/** Email and password; on success the action redirects to `next`. */
export function LoginForm({ next }: { next: string }) {
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/auth/schemas").then((schemas) => schemas.signInSchema),
    defaultValues: { email: "", password: "", next },
    action: signInAction,
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Sign in</h1>
        </CardTitle>
        <CardDescription>Use the account your console administrator gave you.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormAlert message={formError} />
          <TextField form={form} name="email" label="Email" type="email" autoComplete="email" autoFocus />
          <PasswordField form={form} name="password" label="Password" current />
          <Button type="submit" loading={pending} className="w-full">
            Sign in
          </Button>
          <p className="text-xs text-muted-foreground">
            Forgot your password? Ask an administrator of this console to reset it.
          </p>
        </form>
      </CardContent>
    </Card>
  );
}
