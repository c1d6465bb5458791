"use client";

import { AlertTriangle, CheckCircle2, FileUp, Send, Sparkles, WandSparkles, XCircle } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useId, useMemo, useState } from "react";
import { resubmitJobAction, sendJobsAction } from "@/lib/jobs/actions";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EndpointListNotes, EndpointPicker, endpointLabel } from "@/components/ui/endpoint-picker";
import { FileButton } from "@/components/ui/file-button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toaster";
import type { EndpointView } from "@/lib/endpoints/service";
import { shortId } from "@/lib/format/ids";
import { useAction } from "@/lib/hooks/use-action";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { cn } from "@/lib/utils/cn";
import type { JobSummary } from "@/lib/jobs/summary";
import { templatesForImage, templateText, workerKindOfImage, type InputTemplate } from "@/lib/jobs/templates";
import { JsonEditor } from "./json-editor";
import { describeParseError, measureRequest, measureText, parseJsonText, tooLargeReason } from "./json-text";
import { SizeMeter } from "./size-meter";

export interface SentJobResult {
  job: JobSummary;
  failure: { kind: string; outcomeUnknown: boolean; message: string } | null;
}

/** The job being edited and resubmitted (`/jobs/new?from=<id>`). */
export interface ResubmitSource {
  id: string;
  endpointId: string;
  inputText: string;
}

const MAX_COPIES = 100;

function parseCopies(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= 1 && value <= MAX_COPIES ? value : undefined;
}

/** The job editor: endpoint, JSON input with its size, copies, and Send (or Resubmit for `?from=`). */
export function SendJobForm({
  initialEndpoints,
  initialEndpointId,
  from,
}: {
  initialEndpoints: EndpointView[] | undefined;
  initialEndpointId: string | undefined;
  from: ResubmitSource | undefined;
}) {
  const router = useRouter();
  const ids = {
    endpoint: useId(),
    copies: useId(),
    reason: useId(),
    editorHelp: useId(),
    file: useId(),
    webhook: useId(),
  };
  const { data: endpoints, error: endpointsError, isPending: endpointsLoading } = useEndpoints(initialEndpoints);
  const [endpointId, setEndpointId] = useState(from?.endpointId ?? initialEndpointId ?? "");
  const selected = endpoints?.find((view) => view.endpoint.id === endpointId);
  const image = selected?.endpoint.spec.image.image;
  const templates = templatesForImage(image);
  const fitting = image ? workerKindOfImage(image) : undefined;

  const [text, setText] = useState(() => from?.inputText ?? templateText(templates[0]!));
  const [touched, setTouched] = useState(!!from);
  // An untouched editor follows the endpoint's worker, also when the endpoint becomes known after the first render
  // (a list fetched after the page, with an endpoint made a moment ago): its template replaces the generic one.
  const [textImage, setTextImage] = useState(image);
  if (image !== textImage) {
    setTextImage(image);
    if (!touched) setText(templateText(templates[0]!));
  }
  const [copiesText, setCopiesText] = useState("1");
  const [webhook, setWebhook] = useState("");
  const [results, setResults] = useState<SentJobResult[] | null>(null);
  const sendJobs = useAction(sendJobsAction, {
    onSuccess: (sent) => {
      const [only] = sent;
      if (sent.length === 1 && only && !only.failure) {
        toast.success("Job sent.");
        router.push(`/jobs/${only.job.id}`);
        return;
      }
      setResults(sent);
    },
  });
  const resubmit = useAction(resubmitJobAction, {
    onSuccess: (sent) => {
      if (sent.failure) return setResults([sent]);
      toast.success("Job resubmitted.");
      router.push(`/jobs/${sent.job.id}`);
    },
  });
  const pending = sendJobs.pending || resubmit.pending;
  const failure = sendJobs.error ?? resubmit.error;
  const webhookError = sendJobs.error?.fields?.webhook;
  const sendError = failure && !webhookError ? (failure.fields?.input ?? failure.message) : null;
  const clearSendError = () => {
    sendJobs.reset();
    resubmit.reset();
  };

  // Parsing megabytes on every keystroke would make typing lag; the deferred copy catches up between keystrokes.
  const deferredText = useDeferredValue(text);
  const parsed = useMemo(() => parseJsonText(deferredText), [deferredText]);
  const size = useMemo(
    () => (parsed.ok ? measureRequest(parsed.value) : measureText(deferredText)),
    [parsed, deferredText],
  );
  const copies = from ? 1 : parseCopies(copiesText);

  const chooseEndpoint = (id: string) => {
    setEndpointId(id);
    setResults(null);
    // An untouched editor follows the endpoint: its worker's template replaces the previous one.
    const next = endpoints?.find((view) => view.endpoint.id === id);
    if (!touched && next) setText(templateText(templatesForImage(next.endpoint.spec.image.image)[0]!));
  };

  const applyTemplate = (template: InputTemplate) => {
    setText(templateText(template));
    setTouched(false);
    clearSendError();
  };

  const format = () => {
    const now = parseJsonText(text);
    if (now.ok) setText(JSON.stringify(now.value, null, 2));
    else toast.error(`Cannot format: ${describeParseError(now)}`);
  };

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setTouched(true);
    clearSendError();
  };

  const blockedReason = (() => {
    if (!from && !endpointId) return "Choose an endpoint to send the job to.";
    if (text !== deferredText) return null; // still measuring the latest edit
    if (!parsed.ok) return `The input is not valid JSON. ${describeParseError(parsed)}`;
    if (size.level === "over") return tooLargeReason(size);
    if (copies === undefined) return `Send between 1 and ${MAX_COPIES} copies.`;
    return null;
  })();

  const send = () => {
    const now = parseJsonText(text);
    if (!now.ok || blockedReason || copies === undefined) return;
    if (from) void resubmit.run({ id: from.id, input: now.value });
    else void sendJobs.run({ endpointId, input: now.value, copies, webhook: webhook.trim() || undefined });
  };

  const sizeBlocked = size.level === "over";

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <form
        className="grid min-w-0 gap-5"
        noValidate
        aria-label={from ? "Edit and resubmit job" : "Send a job"}
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <div className="grid min-w-0 gap-2">
          {from ? (
            <span className="text-sm leading-none font-medium">Endpoint</span>
          ) : (
            <Label htmlFor={ids.endpoint}>Endpoint</Label>
          )}
          {from ? (
            <p className="text-sm text-muted-foreground">
              Resubmitting job{" "}
              <Link href={`/jobs/${from.id}`} className="font-mono text-foreground underline-offset-4 hover:underline">
                {shortId(from.id)}
              </Link>{" "}
              to its endpoint{" "}
              <Link
                href={`/endpoints/${from.endpointId}`}
                className="text-foreground underline-offset-4 hover:underline"
              >
                {selected ? endpointLabel(selected) : from.endpointId}
              </Link>
              . The new job links back to it.
            </p>
          ) : (
            <EndpointPicker
              id={ids.endpoint}
              value={endpointId}
              endpoints={endpoints}
              loading={endpointsLoading}
              onChange={chooseEndpoint}
              disabled={pending}
              invalid={!endpointId ? undefined : !selected && !endpointsLoading ? true : undefined}
              className="sm:max-w-md"
            />
          )}
          <EndpointListNotes
            error={endpointsError?.message}
            empty={!!endpoints && endpoints.length === 0 && !from}
            createLabel="Create one"
          />
        </div>

        <div className="grid gap-2">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <span className="text-sm leading-none font-medium">Input (JSON)</span>
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="outline" size="sm" onClick={format} disabled={pending}>
                <WandSparkles aria-hidden />
                Format
              </Button>
              <FileButton
                accept="application/json,.json,.txt"
                onFile={(file) => void loadFile(file)}
                disabled={pending}
                inputId={ids.file}
                inputLabel="Load the input from a JSON file"
              >
                <FileUp aria-hidden />
                Open file…
              </FileButton>
            </div>
          </div>
          <JsonEditor
            value={text}
            onChange={(value) => {
              setText(value);
              setTouched(true);
              clearSendError();
            }}
            label="Job input (JSON)"
            describedBy={ids.editorHelp}
            invalid={!parsed.ok && text === deferredText}
            className="h-[min(32rem,60vh)] min-h-64"
          />
          <div id={ids.editorHelp} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
            <p
              className={
                !parsed.ok
                  ? "min-w-0 text-sm break-words text-destructive"
                  : "min-w-0 text-sm break-words text-muted-foreground"
              }
              aria-live="polite"
            >
              {!parsed.ok
                ? describeParseError(parsed)
                : 'Sent to the worker as the job\'s input: the body is {"input": …}.'}
            </p>
            <SizeMeter size={size} />
          </div>
        </div>

        {from ? null : (
          <div className="grid min-w-0 gap-2 sm:max-w-md">
            <Label htmlFor={ids.webhook}>Webhook URL (optional)</Label>
            <Input
              id={ids.webhook}
              type="url"
              inputMode="url"
              placeholder="https://example.com/hooks/novita"
              value={webhook}
              onChange={(event) => {
                setWebhook(event.target.value);
                clearSendError();
              }}
              disabled={pending}
              aria-invalid={!!webhookError || undefined}
              aria-describedby={`${ids.webhook}-hint`}
            />
            <span
              id={`${ids.webhook}-hint`}
              className={cn("text-xs", webhookError ? "text-destructive" : "text-muted-foreground")}
            >
              {webhookError ??
                "Gets each job's final status as a signed POST (your signing secret is in Settings → API tokens)."}
            </span>
          </div>
        )}
        <div className="flex flex-wrap items-end gap-4">
          {from ? null : (
            <div className="grid gap-2">
              <Label htmlFor={ids.copies}>Copies</Label>
              <Input
                id={ids.copies}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_COPIES}
                step={1}
                value={copiesText}
                onChange={(event) => setCopiesText(event.target.value)}
                className="w-24"
                aria-invalid={copies === undefined || undefined}
                aria-describedby={`${ids.copies}-hint`}
              />
              <span id={`${ids.copies}-hint`} className="sr-only">
                Send this input 1 to {MAX_COPIES} times, as separate jobs.
              </span>
            </div>
          )}
          <Button
            type="submit"
            loading={pending}
            disabled={!!blockedReason || text !== deferredText}
            aria-describedby={blockedReason ? ids.reason : undefined}
          >
            {pending ? null : <Send aria-hidden />}
            {from ? "Resubmit" : copies && copies > 1 ? `Send ${copies} jobs` : "Send job"}
          </Button>
        </div>
        {blockedReason ? (
          <p
            id={ids.reason}
            role="status"
            className={
              sizeBlocked || !parsed.ok
                ? "flex gap-2 text-sm text-destructive"
                : "flex gap-2 text-sm text-muted-foreground"
            }
          >
            <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              <span className="font-medium">Send is blocked: </span>
              {blockedReason}
            </span>
          </p>
        ) : null}
        {sendError ? (
          <div
            role="alert"
            className={cn(
              "flex gap-2 rounded-lg border border-destructive/40 bg-destructive/10",
              "px-4 py-3 text-sm text-destructive",
            )}
          >
            <XCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span className="min-w-0 break-words">{sendError}</span>
          </div>
        ) : null}
        {results ? <SendResults results={results} /> : null}
      </form>

      <aside aria-labelledby="templates-heading" className="min-w-0">
        <Card className="gap-3 py-4">
          <CardHeader className="px-4">
            <CardTitle>
              <h2 id="templates-heading" className="flex items-center gap-2 text-base">
                <Sparkles className="size-4" aria-hidden />
                Templates
              </h2>
            </CardTitle>
            <CardDescription>
              {fitting
                ? `The endpoint runs ${image}; the first template fits it.`
                : "Starting inputs for the console's worker kinds."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-2 px-4">
            {templates.map((template) => (
              <button
                key={template.id}
                type="button"
                onClick={() => applyTemplate(template)}
                disabled={pending}
                aria-label={`Use the ${template.label} template`}
                className={cn(
                  "grid gap-0.5 rounded-md border px-3 py-2 text-left text-sm transition-colors hover:bg-accent",
                  "focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none disabled:opacity-50",
                )}
              >
                <span className="flex items-center gap-2 font-medium">
                  {template.label}
                  {template.id === fitting ? (
                    <span
                      className={cn(
                        "rounded bg-success/15 px-1.5 py-0.5 text-[10px] font-medium",
                        "text-[color-mix(in_oklch,var(--color-success)_85%,black)] dark:text-success",
                      )}
                    >
                      fits this endpoint
                    </span>
                  ) : null}
                </span>
                <span className="text-xs text-muted-foreground">{template.description}</span>
              </button>
            ))}
          </CardContent>
        </Card>
      </aside>
    </div>
  );
}

/** What happened to each job sent: a link to it, and the failure in plain words. */
export function SendResults({ results }: { results: SentJobResult[] }) {
  const failed = results.filter((result) => result.failure).length;
  const jobs = `${results.length} ${results.length === 1 ? "job" : "jobs"}`;
  return (
    <section aria-labelledby="send-results-heading" className="grid gap-3 rounded-lg border p-4">
      <h2 id="send-results-heading" className="flex items-center gap-2 text-sm font-semibold">
        {failed ? (
          <AlertTriangle className="size-4 text-destructive" aria-hidden />
        ) : (
          <CheckCircle2 className="size-4 text-success" aria-hidden />
        )}
        {failed ? `${results.length - failed} of ${jobs} sent; ${failed} failed` : `${jobs} sent`}
      </h2>
      <ul className="grid gap-2" aria-label="Sent jobs">
        {results.map(({ job, failure }) => (
          <li key={job.id} className="grid gap-1 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Link
                href={`/jobs/${job.id}`}
                className="font-mono underline-offset-4 hover:underline"
                aria-label={`Job ${job.id}`}
              >
                {shortId(job.id)}
              </Link>
              <JobStatusBadge status={job.status} />
            </div>
            {failure ? <p className="break-words text-destructive">{failure.message}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
