"use client";

import { signInAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInSchema } from "@/lib/auth/schemas";
import { useActionForm } from "@/lib/hooks/use-action-form";

export function LoginForm({ next }: { next: string }) {
  const { form, submit, pending, formError } = useActionForm({
    schema: signInSchema,
    defaultValues: { email: "", password: "", next },
    action: signInAction,
  });
  const errors = form.formState.errors;

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
          <FormField label="Email" htmlFor="email" error={errors.email?.message}>
            <Input
              type="email"
              autoComplete="email"
              autoFocus
              {...fieldA11y("email", errors.email?.message)}
              {...form.register("email")}
            />
          </FormField>
          <FormField label="Password" htmlFor="password" error={errors.password?.message}>
            <Input
              type="password"
              autoComplete="current-password"
              {...fieldA11y("password", errors.password?.message)}
              {...form.register("password")}
            />
          </FormField>
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
