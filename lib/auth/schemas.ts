/** Sign-in and account schemas, shared by the forms (browser), the server actions and the tests. */
import "@/lib/utils/zod-jitless";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);
export const nameSchema = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

export const firstAdminSchema = z.object({ name: nameSchema, email: emailSchema, password: passwordSchema });
export type FirstAdminInput = z.input<typeof firstAdminSchema>;

/** The setup form also asks for the password twice; the server only needs it once. */
export const setupFormSchema = firstAdminSchema
  .extend({ confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });
export type SetupFormInput = z.input<typeof setupFormSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  // No length rule on sign-in: say "wrong email or password", never which rule an old password breaks.
  password: z.string().min(1, "Enter your password."),
  next: z.string().optional(),
});
export type SignInInput = z.input<typeof signInSchema>;

export const profileSchema = z.object({ name: nameSchema });
export type ProfileInput = z.input<typeof profileSchema>;
