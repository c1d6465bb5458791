"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteEndpointAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";
import { endpointQueryKey, ENDPOINTS_QUERY_KEY } from "@/lib/hooks/use-endpoints";

const NOT_DELETED =
  "The delete did not go through: the server refused it (only admins may delete) or could not be reached. " +
  "Reload the page and try again.";

/** Admins only. The button stays disabled until the name is typed; the server compares it again. */
export function DangerZone({ endpointId, endpointName }: { endpointId: string; endpointName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === endpointName;
  const deletion = useAction(deleteEndpointAction, {
    unreachableMessage: NOT_DELETED,
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: endpointQueryKey(endpointId) });
      await queryClient.invalidateQueries({ queryKey: ENDPOINTS_QUERY_KEY, exact: true });
      toast.success(`Deleted ${endpointName}.`);
      router.push("/endpoints");
    },
  });
  // A refusal of the typed name is shown at the field, anything else above the form.
  const nameError = deletion.error?.fields?.confirmName;
  const formError = nameError ? null : (deletion.error?.message ?? null);

  const remove = (event: React.FormEvent) => {
    event.preventDefault();
    if (matches) void deletion.run({ id: endpointId, confirmName: typed });
  };

  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>
          <h2 className="text-destructive">Delete this endpoint</h2>
        </CardTitle>
        <CardDescription>
          Its workers stop at once and jobs still queued are lost. Novita keeps nothing; the console keeps the jobs it
          recorded. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={remove} noValidate className="grid max-w-md gap-4">
          <FormAlert message={formError} />
          <FormField label={`Type ${endpointName} to confirm`} htmlFor="confirm-delete" error={nameError}>
            <Input
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              {...fieldA11y("confirm-delete", nameError)}
            />
          </FormField>
          <div>
            <Button type="submit" variant="destructive" disabled={!matches} loading={deletion.pending}>
              Delete endpoint
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
