import type React from "react";
import { FlaskConical, KeyRound, Lock, PlugZap } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ConnectionSummary } from "@/lib/connection";
import type { ConnectionStatus } from "@/lib/custody/service";
import { formatInstant } from "@/lib/format/time";
import { ConnectionCheck } from "./connection-check";
import { NovitaKeyForm, RemoveKeyButton } from "./novita-key-form";

const ROTATE_HELP =
  "Paste the new key. The console tests it against Novita first; the old key stays in use if the test fails.";
const CONNECT_HELP =
  "Paste a key from the Novita console. It is tested with a list-endpoints call, stored encrypted on this server, " +
  "and never shown again — only its fingerprint.";

/** When and by whom the stored key was saved, and whether the environment's key overrides it. */
function storedKeyNote(stored: NonNullable<ConnectionStatus["stored"]>, envKeyInUse: boolean): string {
  const by = stored.savedBy ? ` by ${stored.savedBy}` : "";
  return `saved ${formatInstant(stored.savedAt)}${by}${envKeyInUse ? " · not in use" : ""}`;
}

/**
 * Settings → Connection: which Novita is in use and why, then (admins) check that it answers as the console expects
 * and connect, rotate or remove the stored key.
 * Only fingerprints reach this component; the key never leaves the server.
 */
export function ConnectionSettings({
  status,
  summary,
  canManage,
}: {
  status: ConnectionStatus;
  summary: ConnectionSummary;
  canManage: boolean;
}) {
  const envWins = status.envKey !== null;
  return (
    <div className="grid gap-6">
      <InUseCard status={status} summary={summary} />
      {canManage ? <ConnectionCheck apiHost={summary.apiHost} local={summary.mode === "local"} /> : null}
      {!canManage ? (
        <p
          className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground"
          data-testid="connection-read-only"
        >
          Only an administrator can connect, rotate or remove the Novita API key.
        </p>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{status.stored ? "Rotate the stored key" : "Connect a Novita API key"}</h2>
            </CardTitle>
            <CardDescription>{status.stored ? ROTATE_HELP : CONNECT_HELP}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {envWins ? (
              <p
                className="flex items-start gap-2 rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm"
                data-testid="env-key-notice"
              >
                <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
                <span>
                  <code className="rounded bg-muted px-1">NOVITA_API_KEY</code> is set in the server&apos;s environment,
                  so it is the key in use and this form is disabled. To manage the key here instead, remove the variable
                  and restart the console.
                </span>
              </p>
            ) : null}
            <NovitaKeyForm
              mode={status.stored ? "rotate" : "connect"}
              disabledReason={envWins ? "NOVITA_API_KEY is set in the environment." : null}
              apiHost={new URL(status.novitaApiBaseUrl).host}
            />
            {status.stored && !envWins ? (
              <div className="mt-2 grid gap-2 border-t pt-4">
                <p className="text-sm text-muted-foreground">
                  Removing the stored key sends the console back to its local sandbox at once.
                </p>
                <RemoveKeyButton fingerprint={status.stored.fingerprint} />
              </div>
            ) : null}
          </CardContent>
        </Card>
      )}
    </div>
  );
}

function InUseCard({ status, summary }: { status: ConnectionStatus; summary: ConnectionSummary }) {
  const local = summary.mode === "local";
  return (
    <Card data-testid="connection-in-use">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {local ? (
            <FlaskConical className="size-4 text-warning" aria-hidden />
          ) : (
            <PlugZap className="size-4 text-success" aria-hidden />
          )}
          <h2>In use: {local ? "Local sandbox" : "Novita"}</h2>
          <Badge variant={local ? "warning" : "success"}>{SOURCE_LABEL[summary.source]}</Badge>
        </CardTitle>
        <CardDescription>
          {local
            ? `No Novita key is configured, so the console talks to its built-in sandbox at ${summary.apiHost}: ` +
              "simulated workers, nothing billed."
            : `Endpoints and jobs go to ${summary.apiHost} with the team's key, which stays on this server.`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3 text-sm">
          <Row term="Key from the environment">
            {status.envKey ? (
              <KeyFingerprint value={status.envKey.fingerprint} note="NOVITA_API_KEY — wins over a stored key" />
            ) : (
              "not set"
            )}
          </Row>
          <Row term="Key stored in Settings">
            {status.stored ? (
              <span className="grid gap-1">
                <KeyFingerprint
                  value={status.stored.fingerprint}
                  note={storedKeyNote(status.stored, Boolean(status.envKey))}
                />
                {status.stored.state === "unreadable" ? (
                  <span role="alert" className="text-destructive">
                    This key cannot be decrypted with the current CONSOLE_SECRET (was it changed?). Paste the key again
                    or remove it.
                  </span>
                ) : null}
              </span>
            ) : (
              "none"
            )}
          </Row>
          <Row term="Novita management API">
            <span className="font-mono text-xs break-all">{status.novitaApiBaseUrl}</span>
          </Row>
          <Row term="Novita job gateway">
            <span className="font-mono text-xs break-all">{status.novitaJobsBaseUrl}</span>
          </Row>
        </dl>
      </CardContent>
    </Card>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[13rem_1fr] sm:gap-4">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

const SOURCE_LABEL: Record<ConnectionSummary["source"], string> = {
  sandbox: "no key",
  stored: "stored key",
  env: "key from environment",
};

function KeyFingerprint({ value, note }: { value: string; note: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <KeyRound className="size-3.5 text-muted-foreground" aria-hidden />
      <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs" data-testid="key-fingerprint">
        {value}
      </code>
      <span className="text-muted-foreground">{note}</span>
    </span>
  );
}
