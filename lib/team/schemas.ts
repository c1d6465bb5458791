/** Member and invite schemas, shared by the forms (browser), the server actions and the tests. */
import "@/lib/utils/zod-jitless";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/auth/schemas";

export const roleSchema = z.enum(ROLES, "Choose a role.");

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteInput = z.input<typeof inviteSchema>;

export const inviteIdSchema = z.object({ id: z.string().min(1) });

export const changeRoleSchema = z.object({ userId: z.string().min(1), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.string().min(1) });

/** The invite page asks for the password twice; the email is fixed by the invite. */
export const acceptInviteSchema = z
  .object({ token: z.string().min(1), name: nameSchema, password: passwordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  });
export type AcceptInviteInput = z.input<typeof acceptInviteSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
