"use client";

import { createAdministratorAction } from "@/lib/auth/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PasswordField, TextField } from "@/components/ui/text-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { useActionForm } from "@/lib/hooks/use-action-form";

const PASSWORD_HINT =
  `At least ${PASSWORD_MIN_LENGTH} characters. ` + "A short sentence is easy to remember and hard to guess.";

/** The first-run form: the console's first user, its administrator. */
export function SetupForm() {
  const { form, submit, pending, formError } = useActionForm({
    schema: () => import("@/lib/auth/schemas").then((schemas) => schemas.setupFormSchema),
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
    action: createAdministratorAction,
  });

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
          <TextField form={form} name="name" label="Your name" autoComplete="name" autoFocus />
          <TextField form={form} name="email" label="Email" type="email" autoComplete="email" />
          <PasswordField form={form} name="password" label="Password" hint={PASSWORD_HINT} />
          <PasswordField form={form} name="confirmPassword" label="Password again" />
          <Button type="submit" loading={pending} className="w-full">
            Create administrator and sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
