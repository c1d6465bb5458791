"use client";

import { useQueryClient } from "@tanstack/react-query";
import { HelpCircle, Search } from "lucide-react";
import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";
import { jobQueryKey } from "@/lib/hooks/use-jobs";
import { settleJobAction } from "@/lib/jobs/actions";
import type { JobSummary } from "@/lib/jobs/summary";
import { WarningSection } from "./warning-section";

/**
 * A job whose run call never answered (a dropped connection, a console stopped mid-send): Novita may or may not
 * have queued it. Operators settle it with the Novita job id they find for it (looked up before anything changes);
 * Resubmit sends it again on purpose. The console itself never resends it.
 */
export function SettleUnknown({ job, canOperate }: { job: JobSummary; canOperate: boolean }) {
  const [novitaJobId, setNovitaJobId] = useState("");
  const queryClient = useQueryClient();
  const settle = useAction(settleJobAction, {
    onSuccess: async (settled) => {
      toast.success(`Settled: Novita knows it as ${settled.novitaJobId}; the console follows it now.`);
      setNovitaJobId("");
      await queryClient.invalidateQueries({ queryKey: jobQueryKey(job.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void settle.run({ id: job.id, novitaJobId });
  };
  const idError = settle.error?.fields?.novitaJobId;
  // "invalid" only says "see the field"; other failures (not found, upstream) explain themselves.
  const formError = settle.error && settle.error.code !== "invalid" ? settle.error.message : null;

  return (
    <WarningSection
      id="settle-heading"
      icon={HelpCircle}
      title="Outcome unknown: did Novita queue it?"
      className="gap-3"
    >
      {job.error ? <p className="break-words">{job.error}</p> : null}
      <p className="text-muted-foreground">
        The console never sends such a job again by itself: a second GPU job costs money. If it ran, find its id in
        Novita&apos;s console (the endpoint&apos;s requests) or in the worker&apos;s logs and enter it here; the console
        checks it with Novita, then follows the job. If it did not run, Resubmit sends it again.
      </p>
      {canOperate ? (
        <form onSubmit={submit} noValidate className="grid gap-3 sm:max-w-xl" aria-label="Settle the job">
          <FormField label="Novita job id" htmlFor="settle-novita-id" error={idError}>
            <Input
              {...fieldA11y("settle-novita-id", idError)}
              value={novitaJobId}
              onChange={(event) => {
                setNovitaJobId(event.target.value);
                settle.reset();
              }}
              autoComplete="off"
              spellCheck={false}
              className="bg-background font-mono"
            />
          </FormField>
          <FormAlert message={formError} />
          <div>
            <Button type="submit" size="sm" loading={settle.pending}>
              {settle.pending ? null : <Search aria-hidden />}
              Look it up and follow it
            </Button>
          </div>
        </form>
      ) : null}
    </WarningSection>
  );
}
