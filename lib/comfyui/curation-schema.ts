/**
 * The stored form of a curation (lib/comfyui/curation.ts) and its lenient reading, for the server and the actions.
 * The browser edits curations with ./curation.ts alone, which needs no zod.
 */
import "@/lib/utils/zod-jitless";
import { z } from "zod";
import { EMPTY_CURATION } from "./curation";

export const fieldCurationSchema = z.object({
  hidden: z.boolean().optional(),
  label: z.string().trim().max(80, "Keep labels under 80 characters.").optional(),
  group: z.enum(["basic", "advanced"]).optional(),
});

export const curationSchema = z.object({
  /** Paths in the order the team chose; paths missing here keep their generated order after these. */
  order: z.array(z.string().max(300)).max(500).default([]),
  fields: z.record(z.string().max(300), fieldCurationSchema).default({}),
});

export type FieldCuration = z.infer<typeof fieldCurationSchema>;
export type Curation = z.infer<typeof curationSchema>;

/** Reads a stored curation leniently: an old or broken value is treated as no curation rather than an error. */
export function readCuration(value: unknown): Curation {
  const parsed = curationSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : EMPTY_CURATION;
}
