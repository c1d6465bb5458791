/** Inputs of the endpoint actions that are not the endpoint form itself. Browser-safe. */
import "@/lib/utils/zod-jitless";
import { z } from "zod";

export const endpointIdSchema = z.string().trim().min(1, "Missing endpoint id.").max(255);

export const scaleSchema = z
  .object({
    id: endpointIdSchema,
    min: z.number().int("Use a whole number.").min(0, "Use 0 or more."),
    max: z.number().int("Use a whole number.").min(1, "Use 1 or more."),
  })
  .refine((value) => value.min <= value.max, {
    path: ["min"],
    message: "Minimum workers cannot exceed maximum workers.",
  });

export const deleteSchema = z.object({ id: endpointIdSchema, confirmName: z.string() });

export const registryCredentialSchema = z.object({
  name: z.string().trim().min(1, "Enter a name for the credential.").max(255, "Use at most 255 characters."),
  username: z.string().trim().min(1, "Enter the registry user name.").max(511, "Use at most 511 characters."),
  password: z.string().min(1, "Enter the password or access token.").max(1024, "Use at most 1024 characters."),
});

export const revealEnvSchema = z.object({
  id: endpointIdSchema,
  key: z.string().trim().min(1, "Missing variable name.").max(255),
});

/** A job route name as it goes into `/{route}/run`; empty means "let the console find it". */
export const jobRouteNameSchema = z.object({
  id: endpointIdSchema,
  routeName: z
    .string()
    .trim()
    .max(255, "Use at most 255 characters.")
    .regex(
      /^[A-Za-z0-9._-]*$/,
      "Use letters, digits, dots, dashes and underscores only, as in <endpoint-id>-<app-name>.",
    ),
});
