"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useState, useTransition } from "react";
import { setJobRouteNameAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { describeJobRoute, type JobRoute } from "@/lib/endpoints/job-route-text";
import { endpointQueryKey, ENDPOINTS_QUERY_KEY } from "@/lib/hooks/use-endpoints";

/** The endpoint's job route name, how it is known, and (for operators) a way to set it by hand. */
export function JobRouteName({
  endpointId,
  route,
  canEdit,
}: {
  endpointId: string;
  route: JobRoute;
  canEdit: boolean;
}) {
  return (
    <span className="grid min-w-0 gap-0.5">
      <span className="flex min-w-0 items-center gap-1">
        <code className="truncate font-mono text-xs" data-testid="route-name" title={route.name}>
          {route.name}
        </code>
        <CopyButton text={route.name} label="Copy route name" />
        {canEdit ? <RouteNameDialog endpointId={endpointId} route={route} /> : null}
      </span>
      <span className="text-xs font-normal text-muted-foreground" data-testid="route-name-source">
        {describeJobRoute(route)}
      </span>
    </span>
  );
}

function RouteNameDialog({ endpointId, route }: { endpointId: string; route: JobRoute }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<{ form?: string; field?: string }>({});
  const [pending, startTransition] = useTransition();

  const openWith = (next: boolean) => {
    setOpen(next);
    setError({});
    if (next) setDraft(route.source === "override" ? route.name : "");
  };

  const save = (routeName: string) => {
    setError({});
    startTransition(async () => {
      try {
        const result = await setJobRouteNameAction({ id: endpointId, routeName });
        if (!result.ok) return setError({ form: result.error.message, field: result.error.fields?.routeName });
        toast.success(
          result.data.routeName
            ? `Job calls now use ${result.data.routeName}.`
            : "The console finds the route name by itself again.",
        );
        setOpen(false);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: endpointQueryKey(endpointId) }),
          queryClient.invalidateQueries({ queryKey: ENDPOINTS_QUERY_KEY, exact: true }),
        ]);
      } catch {
        setError({
          form: "The route name was not saved: the server refused it (operators and admins may set it) or could not be reached. Reload and try again.",
        });
      }
    });
  };

  return (
    <Dialog open={open} onOpenChange={openWith}>
      <DialogTrigger asChild>
        <Button type="button" variant="ghost" size="icon" className="size-7" aria-label="Change route name">
          <Pencil aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Job route name</DialogTitle>
          <DialogDescription>
            The name in job URLs (<code className="font-mono">/{"{route}"}/run</code>). Novita&apos;s guides compose it
            as <code className="font-mono">&lt;endpoint-id&gt;-&lt;app-name&gt;</code>; the console finds which form
            answers by itself. Set it here only if Novita&apos;s console shows another one: it is checked against the
            gateway before it is saved.
          </DialogDescription>
        </DialogHeader>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            save(draft.trim());
          }}
        >
          <FormField
            label="Route name"
            htmlFor="route-name-input"
            error={error.field}
            hint={`Candidates: ${route.candidates.join(", ")}`}
          >
            <Input
              className="font-mono"
              autoComplete="off"
              spellCheck={false}
              value={draft}
              placeholder={route.name}
              onChange={(event) => setDraft(event.target.value)}
              {...fieldA11y("route-name-input", error.field)}
            />
          </FormField>
          <FormAlert message={error.form ?? null} />
          <DialogFooter>
            {route.source === "override" ? (
              <Button type="button" variant="outline" disabled={pending} onClick={() => save("")}>
                Let the console find it
              </Button>
            ) : null}
            <Button type="submit" loading={pending} disabled={!draft.trim()}>
              Check and save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
