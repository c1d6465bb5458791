import { z } from "zod";

/** Starring an output (per person). Browser-safe: the gallery's action and its tests share it. */
export const favouriteSchema = z.object({
  outputId: z.string().trim().min(1, "Which output?").max(200),
  favourite: z.boolean(),
});
export type FavouriteInput = z.infer<typeof favouriteSchema>;
