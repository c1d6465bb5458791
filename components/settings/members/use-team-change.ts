"use client";

import { useRouter } from "next/navigation";
import { toast } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/actions/result";
import { useAction } from "@/lib/hooks/use-action";

const REFUSED_BY_SERVER = "The server refused the change or could not be reached. Reload the page and try again.";

/**
 * A change to the team from a table row: a toast says how it went, then the page reloads its lists either way
 * (they are rendered on the server).
 */
export function useTeamChange<Input>(
  action: (input: Input) => Promise<ActionResult<unknown>>,
  successMessage: (input: Input) => string,
) {
  const router = useRouter();
  return useAction(action, {
    unreachableMessage: REFUSED_BY_SERVER,
    onSuccess: (_, input) => {
      toast.success(successMessage(input));
      router.refresh();
    },
    onError: (error) => {
      toast.error(error.message);
      router.refresh();
    },
  });
}
