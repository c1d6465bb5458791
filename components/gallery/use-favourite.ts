"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { toast } from "@/components/ui/toaster";
import { favouriteOutputAction } from "@/lib/outputs/actions";
import { writeFavourite } from "@/lib/hooks/use-outputs";
import type { GalleryItem } from "@/lib/outputs/items";

/** Toggles a star at once in every loaded list, then confirms with the server (and undoes it if refused). */
export function useToggleFavourite() {
  const queryClient = useQueryClient();
  return useCallback(
    async (item: Pick<GalleryItem, "id" | "favourite" | "filename">) => {
      const favourite = !item.favourite;
      writeFavourite(queryClient, item.id, favourite);
      let message: string | undefined;
      try {
        const result = await favouriteOutputAction({ outputId: item.id, favourite });
        if (!result.ok) message = result.error.message;
      } catch {
        message = "The console server did not answer. Try again.";
      }
      if (message) {
        writeFavourite(queryClient, item.id, !favourite);
        toast.error(`Could not ${favourite ? "favourite" : "unfavourite"} ${item.filename}: ${message}`);
        return;
      }
      // A favourites-only view must drop (or gain) the item.
      void queryClient.invalidateQueries({
        queryKey: ["outputs", "list", { favourites: "1" }],
        exact: false,
        refetchType: "none",
      });
    },
    [queryClient],
  );
}
