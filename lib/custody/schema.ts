/** The key an admin pastes in Settings → Connection (shared by the form and the actions). Browser-safe. */
import "@/lib/utils/zod-jitless";
import { z } from "zod";

export const novitaKeySchema = z.object({
  apiKey: z
    .string()
    .trim()
    .min(1, "Paste the API key from the Novita console (Settings → API keys).")
    .min(8, "This is too short to be a Novita API key: check you copied all of it.")
    .max(512, "This is too long to be a Novita API key.")
    .refine((value) => !/\s/.test(value), "An API key has no spaces or line breaks: check what you pasted."),
});

export type NovitaKeyInput = z.infer<typeof novitaKeySchema>;
