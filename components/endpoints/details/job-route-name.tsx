"use client";

import { Pencil } from "lucide-react";
import { useState } from "react";
import { setJobRouteNameAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { describeJobRoute, type JobRoute } from "@/lib/endpoints/job-route-text";
import { useAction } from "@/lib/hooks/use-action";
import { useRefetchEndpoint } from "./use-refetch-endpoint";

const NOT_SAVED =
  "The route name was not saved: the server refused it (operators and admins may set it) or could not be reached. " +
  "Reload and try again.";

const ROUTE_NAME_HELP = (
  <>
    The name in job URLs (<code className="font-mono">/{"{route}"}/run</code>). Novita&apos;s guides compose it as{" "}
    <code className="font-mono">&lt;endpoint-id&gt;-&lt;app-name&gt;</code>; the console finds which form answers by
    itself. Set it here only if Novita&apos;s console shows another one: it is checked against the gateway before it is
    saved.
  </>
);

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
  const refetchEndpoint = useRefetchEndpoint(endpointId);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState("");
  const save = useAction(setJobRouteNameAction, {
    unreachableMessage: NOT_SAVED,
    onSuccess: async ({ routeName }) => {
      toast.success(
        routeName ? `Job calls now use ${routeName}.` : "The console finds the route name by itself again.",
      );
      setOpen(false);
      await refetchEndpoint();
    },
  });
  const fieldError = save.error?.fields?.routeName;

  const openWith = (next: boolean) => {
    setOpen(next);
    save.reset();
    if (next) setDraft(route.source === "override" ? route.name : "");
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={openWith}
      trigger={
        <Button type="button" variant="ghost" size="icon" className="size-7" aria-label="Change route name">
          <Pencil aria-hidden />
        </Button>
      }
      title="Job route name"
      description={ROUTE_NAME_HELP}
      onSubmit={(event) => {
        event.preventDefault();
        void save.run({ id: endpointId, routeName: draft.trim() });
      }}
      confirmLabel="Check and save"
      pending={save.pending}
      confirmDisabled={!draft.trim()}
      cancelLabel={null}
      secondaryAction={
        route.source === "override" ? (
          <Button
            type="button"
            variant="outline"
            disabled={save.pending}
            onClick={() => void save.run({ id: endpointId, routeName: "" })}
          >
            Let the console find it
          </Button>
        ) : null
      }
    >
      <FormField
        label="Route name"
        htmlFor="route-name-input"
        error={fieldError}
        hint={`Candidates: ${route.candidates.join(", ")}`}
      >
        <Input
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          placeholder={route.name}
          onChange={(event) => setDraft(event.target.value)}
          {...fieldA11y("route-name-input", fieldError)}
        />
      </FormField>
      <FormAlert message={save.error?.message ?? null} />
    </ConfirmDialog>
  );
}
