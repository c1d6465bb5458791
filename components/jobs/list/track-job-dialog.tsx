"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Crosshair } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import { importJobAction } from "@/lib/jobs/actions";
import { Button } from "@/components/ui/button";
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { shortId } from "@/lib/format/ids";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { writeJobIntoLists } from "@/lib/hooks/use-jobs";

/** "Track a job by id": a job sent to Novita outside the console joins the ledger, and the tracker follows it. */
export function TrackJobDialog() {
  const [open, setOpen] = useState(false);
  const [endpointId, setEndpointId] = useState("");
  const [novitaJobId, setNovitaJobId] = useState("");
  const [errors, setErrors] = useState<{ form?: string; endpointId?: string; novitaJobId?: string }>({});
  const [pending, startTransition] = useTransition();
  const endpoints = useEndpoints();
  const queryClient = useQueryClient();
  const router = useRouter();

  const reset = () => {
    setNovitaJobId("");
    setErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await importJobAction({ endpointId, novitaJobId });
      if (!result.ok) {
        // "invalid" only says "see the fields"; other failures (not found, upstream) explain themselves.
        setErrors({ form: result.error.code === "invalid" ? undefined : result.error.message, ...result.error.fields });
        return;
      }
      const job = result.data;
      // The live stream brings it too; writing it now shows it without waiting for the event.
      writeJobIntoLists(queryClient, job);
      void queryClient.invalidateQueries({ queryKey: ["jobs", "counts"] });
      setOpen(false);
      reset();
      toast.success(`Tracking job ${shortId(job.id)}`, {
        description: `Novita job ${novitaJobId.trim()} is in the ledger now; the console follows it until it finishes.`,
        action: { label: "Open", onClick: () => router.push(`/jobs/${encodeURIComponent(job.id)}`) },
      });
    });
  };

  const endpointError = errors.endpointId;
  const idError = errors.novitaJobId;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <Crosshair aria-hidden /> Track a job
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4" noValidate>
          <DialogHeader>
            <DialogTitle>Track a job by id</DialogTitle>
            <DialogDescription>
              For a job sent to Novita outside the console (a script, curl). The console records it and follows its
              status like its own. Novita forgets jobs after 6 hours, so track it before then.
            </DialogDescription>
          </DialogHeader>
          <FormField
            label="Endpoint"
            htmlFor="track-endpoint"
            error={endpointError}
            hint={endpoints.error ? `Could not load endpoints: ${endpoints.error.message}` : undefined}
          >
            <Select value={endpointId} onValueChange={setEndpointId}>
              <SelectTrigger {...fieldA11y("track-endpoint", endpointError)} className="w-full">
                <SelectValue
                  placeholder={endpoints.isPending ? "Loading endpoints…" : "Choose the endpoint it was sent to"}
                />
              </SelectTrigger>
              <SelectContent>
                {(endpoints.data ?? []).map((view) => (
                  <SelectItem key={view.endpoint.id} value={view.endpoint.id}>
                    {view.endpoint.spec.name || view.endpoint.id}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormField
            label="Novita job id"
            htmlFor="track-job-id"
            error={idError}
            hint="The id the job gateway's run call returned."
          >
            <Input
              {...fieldA11y("track-job-id", idError)}
              value={novitaJobId}
              onChange={(event) => setNovitaJobId(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
            />
          </FormField>
          {errors.form ? (
            <p
              role="alert"
              className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive"
            >
              {errors.form}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="submit" loading={pending}>
              Track job
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
