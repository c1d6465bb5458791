"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteEndpointAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { endpointQueryKey, ENDPOINTS_QUERY_KEY } from "@/lib/hooks/use-endpoints";

/** Admins only. The button stays disabled until the name is typed; the server compares it again. */
export function DangerZone({ endpointId, endpointName }: { endpointId: string; endpointName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<{ form?: string; confirmName?: string }>({});
  const [pending, startTransition] = useTransition();
  const matches = typed.trim() === endpointName;

  const remove = (event: React.FormEvent) => {
    event.preventDefault();
    if (!matches) return;
    setError({});
    startTransition(async () => {
      try {
        const result = await deleteEndpointAction({ id: endpointId, confirmName: typed });
        if (!result.ok) {
          setError(
            result.error.fields?.confirmName
              ? { confirmName: result.error.fields.confirmName }
              : { form: result.error.message },
          );
          return;
        }
        queryClient.removeQueries({ queryKey: endpointQueryKey(endpointId) });
        await queryClient.invalidateQueries({ queryKey: ENDPOINTS_QUERY_KEY, exact: true });
        toast.success(`Deleted ${endpointName}.`);
        router.push("/endpoints");
      } catch {
        setError({
          form: "The delete did not go through: the server refused it (only admins may delete) or could not be reached. Reload the page and try again.",
        });
      }
    });
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
          <FormAlert message={error.form ?? null} />
          <FormField label={`Type ${endpointName} to confirm`} htmlFor="confirm-delete" error={error.confirmName}>
            <Input
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              {...fieldA11y("confirm-delete", error.confirmName)}
            />
          </FormField>
          <div>
            <Button type="submit" variant="destructive" disabled={!matches} loading={pending}>
              Delete endpoint
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
