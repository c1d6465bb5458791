"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Crosshair } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "@/components/ui/toaster";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog-layout";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TitledDialog } from "@/components/ui/titled-dialog";
import { shortId } from "@/lib/format/ids";
import { useAction } from "@/lib/hooks/use-action";
import { useEndpointNames, useEndpoints } from "@/lib/hooks/use-endpoints";
import { writeJobIntoLists } from "@/lib/hooks/use-jobs";
import { importJobAction } from "@/lib/jobs/actions";

/** "Track a job by id": a job sent to Novita outside the console joins the ledger, and the tracker follows it. */
export function TrackJobDialog() {
  const [open, setOpen] = useState(false);
  const [endpointId, setEndpointId] = useState("");
  const [novitaJobId, setNovitaJobId] = useState("");
  const endpoints = useEndpoints();
  const endpointNames = useEndpointNames();
  const queryClient = useQueryClient();
  const router = useRouter();

  const track = useAction(importJobAction, {
    onSuccess: (job, input) => {
      // The live stream brings it too; writing it now shows it without waiting for the event.
      writeJobIntoLists(queryClient, job);
      void queryClient.invalidateQueries({ queryKey: ["jobs", "counts"] });
      setOpen(false);
      setNovitaJobId("");
      toast.success(`Tracking job ${shortId(job.id)}`, {
        description:
          `Novita job ${input.novitaJobId.trim()} is in the ledger now; ` + "the console follows it until it finishes.",
        action: { label: "Open", onClick: () => router.push(`/jobs/${encodeURIComponent(job.id)}`) },
      });
    },
  });
  const reset = () => {
    setNovitaJobId("");
    track.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void track.run({ endpointId, novitaJobId });
  };

  // "invalid" only says "see the fields"; other failures (not found, upstream) explain themselves.
  const formError = track.error && track.error.code !== "invalid" ? track.error.message : null;
  const endpointError = track.error?.fields?.endpointId;
  const idError = track.error?.fields?.novitaJobId;

  return (
    <TitledDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
      trigger={
        <Button variant="outline">
          <Crosshair aria-hidden /> Track a job
        </Button>
      }
      title="Track a job by id"
      description={
        "For a job sent to Novita outside the console (a script, curl). The console records it and follows its " +
        "status like its own. Novita forgets jobs after 6 hours, so track it before then."
      }
    >
      <form onSubmit={submit} className="grid gap-4" noValidate>
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
              {endpointNames.options.map((option) => (
                <SelectItem key={option.id} value={option.id}>
                  {option.name}
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
        <FormAlert message={formError} />
        <DialogFooter>
          <Button type="submit" loading={track.pending}>
            Track job
          </Button>
        </DialogFooter>
      </form>
    </TitledDialog>
  );
}
