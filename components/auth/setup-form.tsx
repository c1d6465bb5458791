"use client";

import { createAdministratorAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN_LENGTH, setupFormSchema } from "@/lib/auth/schemas";
import { useActionForm } from "@/lib/hooks/use-action-form";

export function SetupForm() {
  const { form, submit, pending, formError } = useActionForm({
    schema: setupFormSchema,
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
    action: createAdministratorAction,
  });
  const errors = form.formState.errors;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Welcome — create the administrator</h1>
        </CardTitle>
        <CardDescription>
          This console has no users yet. The account you create now administers it: it connects the Novita key and
          invites the rest of the team.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate className="grid gap-4">
          <FormAlert message={formError} />
          <FormField label="Your name" htmlFor="name" error={errors.name?.message}>
            <Input
              autoComplete="name"
              autoFocus
              {...fieldA11y("name", errors.name?.message)}
              {...form.register("name")}
            />
          </FormField>
          <FormField label="Email" htmlFor="email" error={errors.email?.message}>
            <Input
              type="email"
              autoComplete="email"
              {...fieldA11y("email", errors.email?.message)}
              {...form.register("email")}
            />
          </FormField>
          <FormField
            label="Password"
            htmlFor="password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
            error={errors.password?.message}
          >
            <Input
              type="password"
              autoComplete="new-password"
              {...fieldA11y("password", errors.password?.message)}
              {...form.register("password")}
            />
          </FormField>
          <FormField label="Password again" htmlFor="confirmPassword" error={errors.confirmPassword?.message}>
            <Input
              type="password"
              autoComplete="new-password"
              {...fieldA11y("confirmPassword", errors.confirmPassword?.message)}
              {...form.register("confirmPassword")}
            />
          </FormField>
          <Button type="submit" loading={pending} className="w-full">
            Create administrator and sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
