import type * as React from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type TextFieldProps<Values extends FieldValues> = Omit<React.ComponentProps<"input">, "form" | "name" | "id"> & {
  form: UseFormReturn<Values>;
  name: Path<Values>;
  /** The control's id; the field's name when omitted. */
  id?: string;
  label: string;
  hint?: string;
  /** Also points the control at its hint: a locked field says why there. */
  describedByHint?: boolean;
  /** Beside the box, e.g. a button that fills it in. */
  addon?: React.ReactNode;
};

/** A text box registered on a react-hook-form field, in a `FormField`: label, hint, error and their wiring. */
function TextField<Values extends FieldValues>({
  form,
  name,
  id = name,
  label,
  hint,
  describedByHint = false,
  addon,
  ...input
}: TextFieldProps<Values>) {
  const error = form.getFieldState(name, form.formState).error?.message;
  const a11y = fieldA11y(id, error);
  if (describedByHint) a11y["aria-describedby"] = [a11y["aria-describedby"], `${id}-hint`].filter(Boolean).join(" ");
  const box = <Input {...input} {...a11y} {...form.register(name)} />;
  return (
    <FormField label={label} htmlFor={id} hint={hint} error={error}>
      {addon ? (
        <div className="flex gap-2">
          {box}
          {addon}
        </div>
      ) : (
        box
      )}
    </FormField>
  );
}

type PasswordFieldProps<Values extends FieldValues> = Omit<TextFieldProps<Values>, "type" | "autoComplete"> & {
  /** The password the user signs in with today; otherwise a new one (password managers offer to generate it). */
  current?: boolean;
};

/** A password box on a react-hook-form field, with the autocomplete hint password managers read. */
function PasswordField<Values extends FieldValues>({ current = false, ...field }: PasswordFieldProps<Values>) {
  return <TextField type="password" autoComplete={current ? "current-password" : "new-password"} {...field} />;
}

export { PasswordField, TextField };
export type { PasswordFieldProps, TextFieldProps };
