"use client";

import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { HeadedTable } from "@/components/ui/headed-table";
import { SectionCard } from "@/components/ui/section-card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDuration } from "@/lib/format/duration";
import { formatClock, formatDateTime } from "@/lib/format/time";
import type { WebhookView } from "@/lib/webhooks/schema";

type BadgeVariant = "secondary" | "success" | "warning" | "destructive" | "outline";

function stateOf(webhook: WebhookView): { label: string; variant: BadgeVariant } {
  switch (webhook.state) {
    case "delivered":
      return { label: "Delivered", variant: "success" };
    case "failed":
      return { label: "Failed", variant: "destructive" };
    case "skipped":
      return { label: "Not sent: the job has no final status", variant: "outline" };
    case "retrying":
      return {
        label: webhook.nextAttemptAt ? `Retrying at ${formatClock(webhook.nextAttemptAt)}` : "Retrying",
        variant: "warning",
      };
    default:
      return { label: "Pending", variant: "secondary" };
  }
}

/** The run's webhook: where the final status goes, how its delivery stands, and every attempt. */
export function JobWebhook({ webhook }: { webhook: WebhookView }) {
  const state = stateOf(webhook);
  return (
    <SectionCard
      title="Webhook"
      description="The job's final status object, POSTed signed with the submitter's secret; 3 retries."
    >
      <div className="grid gap-4">
        <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm">
          <span className="truncate font-mono text-xs" title={webhook.url}>
            {webhook.url}
          </span>
          <CopyButton text={webhook.url} label="Copy webhook URL" />
          <span role="status" aria-label={`Webhook: ${state.label}`}>
            <Badge variant={state.variant}>{state.label}</Badge>
          </span>
        </div>
        {webhook.attempts.length ? (
          <HeadedTable
            label="Webhook attempts"
            columns={[{ label: "Attempt" }, { label: "Time" }, { label: "Result" }, { label: "Duration" }]}
          >
            {webhook.attempts.map((attempt) => (
              <TableRow key={attempt.attempt}>
                <TableCell className="tabular-nums">{attempt.attempt}</TableCell>
                <TableCell>
                  <time dateTime={attempt.at} suppressHydrationWarning>
                    {formatDateTime(attempt.at)}
                  </time>
                </TableCell>
                <TableCell className="whitespace-normal">
                  {attempt.error === null ? `HTTP ${attempt.statusCode}` : attempt.error}
                </TableCell>
                <TableCell className="tabular-nums">{formatDuration(attempt.durationMs)}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        ) : (
          <p className="text-sm text-muted-foreground">
            {webhook.state === "pending" ? "Sent when the job finishes." : "No attempt was made."}
          </p>
        )}
      </div>
    </SectionCard>
  );
}
