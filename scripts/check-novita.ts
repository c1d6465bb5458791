/**
 * `npm run check:novita`: the connection check of Settings → Connection from a terminal. With NOVITA_API_KEY it
 * asks Novita; without, a throwaway in-memory sandbox with one serving endpoint. Reads process.env itself (not
 * lib/config.ts, which belongs to the server) with the same defaults. Exit code: 0 no mismatch, 1 a mismatch (or
 * the check could not run), 2 bad usage. The key is never printed: the report is scrubbed, and so is every error.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { checkConnection, type ConnectionCheck, type ProbeRow } from "@/lib/novita/check";
import { summarizeCheck, VERDICT_LABEL } from "@/lib/novita/check-summary";
import { createNovitaClient, type NovitaClientOptions } from "@/lib/novita/client";
import { scrubSecret } from "@/lib/novita/errors";
import { SANDBOX_OPERATIONS, startSandbox, type RunningSandbox } from "@/lib/sandbox";

const DEFAULTS = {
  NOVITA_API_BASE_URL: "https://api.novita.ai/gpu-instance/openapi/v1",
  NOVITA_JOBS_BASE_URL: "https://async-public.serverless.novita.ai/v1",
  NOVITA_GPUS_BASE_URL: "https://api.novita.ai/gpus/v2",
} as const;

const USAGE = `Usage: npm run check:novita -- [--write] [--quirk <operation>:<from>:<to>] [--json]

Checks every Novita call the console relies on: HTTP status, time, and whether each answer has the fields the
console reads (which are missing, which are new). Read-only unless --write.

  NOVITA_API_KEY        the key to check with; unset: a throwaway in-memory sandbox with one serving endpoint
  NOVITA_API_BASE_URL   default ${DEFAULTS.NOVITA_API_BASE_URL}
  NOVITA_JOBS_BASE_URL  default ${DEFAULTS.NOVITA_JOBS_BASE_URL}
  NOVITA_GPUS_BASE_URL  default ${DEFAULTS.NOVITA_GPUS_BASE_URL}
  SANDBOX_API_KEY       the throwaway sandbox's key; default: a random one

  --write               also create, read back and delete a min-0 endpoint (never by default)
  --quirk op:from:to    throwaway sandbox only: rename field <from> to <to> in <op>'s answers, to see the check
                        fail (e.g. endpoints.list:state:status); may be repeated
  --json                print the report as JSON (the notice about the target goes to stderr)

Exit code: 0 every call answered as expected, 1 a mismatch, 2 bad usage.`;

class UsageError extends Error {}

interface Quirk {
  operation: string;
  from: string;
  to: string;
}

function parseQuirk(text: string): Quirk {
  const parts = text.split(":");
  if (parts.length !== 3 || parts.some((part) => part.trim() === "")) {
    throw new UsageError(`--quirk wants <operation>:<from>:<to>, e.g. endpoints.list:state:status (got "${text}")`);
  }
  const [operation, from, to] = parts.map((part) => part.trim()) as [string, string, string];
  if (operation !== "*" && !(SANDBOX_OPERATIONS as readonly string[]).includes(operation)) {
    throw new UsageError(`--quirk: unknown operation "${operation}"; one of: ${SANDBOX_OPERATIONS.join(", ")} or *`);
  }
  return { operation, from, to };
}

function readUrl(env: NodeJS.ProcessEnv, name: keyof typeof DEFAULTS): string {
  const value = env[name]?.trim() || DEFAULTS[name];
  if (!/^https?:\/\/[^\s/]+/.test(value) || !URL.canParse(value))
    throw new UsageError(`${name} must be an http(s) URL, e.g. https://example.com/path`);
  return value.replace(/\/+$/, "");
}

function parseCommandLine(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        write: { type: "boolean" },
        quirk: { type: "string", multiple: true },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    write: values.write ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    quirks: (values.quirk ?? []).map(parseQuirk),
  };
}

/** Pads columns to their widest cell; the last column is left ragged. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd(),
  );
}

function printable(check: ConnectionCheck): string[] {
  const lines: string[] = [];
  const header = ["CALL", "REQUEST", "STATUS", "MS", "RESULT"];
  const body = check.rows.map((row) => [
    row.call,
    row.request,
    row.status === undefined ? "—" : String(row.status),
    row.ms === undefined ? "—" : String(row.ms),
    VERDICT_LABEL[row.verdict],
  ]);
  const formatted = table([header, ...body]);
  lines.push(formatted[0]!);
  check.rows.forEach((row, index) => {
    lines.push(formatted[index + 1]!);
    lines.push(...detailLines(row));
  });
  return lines;
}

function detailLines(row: ProbeRow): string[] {
  const lines: string[] = [];
  if (row.missing.length) lines.push(`    missing: ${row.missing.join(", ")}`);
  if (row.extra.length) lines.push(`    new: ${row.extra.join(", ")}`);
  if (row.note) lines.push(`    note: ${row.note}`);
  return lines;
}

function fingerprint(key: string): string {
  return key.length >= 12 ? `sk_…${key.slice(-4)}` : "sk_…";
}

/** A sandbox of this process only, with one endpoint that has reached `serving` (so health is asked too). */
async function throwawaySandbox(
  quirks: Quirk[],
  apiKey: string,
): Promise<{ sandbox: RunningSandbox; options: NovitaClientOptions }> {
  const sandbox = await startSandbox({
    port: 0,
    apiKey,
    dataDir: undefined,
    coldStartMs: 100,
    endpointStartupMs: 100,
    tickMs: 20,
  });
  const options: NovitaClientOptions = {
    apiKey,
    apiBaseUrl: sandbox.managementBaseUrl,
    jobsBaseUrl: sandbox.jobsBaseUrl,
    gpusBaseUrl: sandbox.gpusV2BaseUrl,
    timeoutMs: 5_000,
  };
  try {
    await prepare(sandbox, options, quirks);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return { sandbox, options };
}

async function prepare(sandbox: RunningSandbox, options: NovitaClientOptions, quirks: Quirk[]) {
  const client = createNovitaClient(options);
  const [product] = await client.catalog.listServerlessProducts();
  if (!product) throw new Error("the sandbox lists no serverless product");
  const { id } = await client.management.createEndpoint({
    name: "check-novita",
    appName: "",
    workers: { min: 0, max: 1, idleTimeoutSeconds: 60, maxConcurrent: 1, gpusPerWorker: 1, requestTimeoutSeconds: 600 },
    port: 8080,
    policy: { type: "queue", value: 1 },
    image: { image: "example/echo-worker:1", registryAuthId: undefined, command: undefined },
    cudaVersion: undefined,
    productId: product.id,
    rootfsSizeGb: 100,
    volumeMounts: [],
    clusterId: undefined,
    env: [],
    healthCheckPath: undefined,
  });
  const deadline = Date.now() + 15_000;
  while ((await client.management.getEndpoint(id)).status.state !== "serving") {
    if (Date.now() > deadline) throw new Error(`the sandbox endpoint ${id} did not reach serving within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const quirk of quirks) {
    const response = await fetch(`${sandbox.origin}/_sandbox/quirks`, {
      method: "POST",
      headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ renameFields: [quirk] }),
    });
    if (!response.ok)
      throw new UsageError(
        `the sandbox refused --quirk ${quirk.operation}:${quirk.from}:${quirk.to}: ${response.status} ${await response.text()}`,
      );
  }
}

async function main(): Promise<number> {
  const env = process.env;
  const apiKey = env.NOVITA_API_KEY?.trim() || undefined;
  let sandbox: RunningSandbox | undefined;
  let secret = apiKey ?? "";
  try {
    const args = parseCommandLine(process.argv.slice(2));
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (apiKey && args.quirks.length)
      throw new UsageError("--quirk works on the throwaway sandbox only: unset NOVITA_API_KEY to use it");
    let options: NovitaClientOptions;
    let notice: string;
    if (apiKey) {
      options = {
        apiKey,
        apiBaseUrl: readUrl(env, "NOVITA_API_BASE_URL"),
        jobsBaseUrl: readUrl(env, "NOVITA_JOBS_BASE_URL"),
        gpusBaseUrl: readUrl(env, "NOVITA_GPUS_BASE_URL"),
      };
      notice = `Checking Novita at ${new URL(options.apiBaseUrl).host} with NOVITA_API_KEY (${fingerprint(apiKey)})${args.write ? ", including a min-0 endpoint created and deleted" : ", read-only"}.`;
    } else {
      secret = env.SANDBOX_API_KEY?.trim() || `sk_check_${randomBytes(16).toString("hex")}`;
      const started = await throwawaySandbox(args.quirks, secret);
      sandbox = started.sandbox;
      options = started.options;
      const quirkText = args.quirks.length
        ? ` with ${args.quirks.map((quirk) => `${quirk.operation} renaming ${quirk.from} → ${quirk.to}`).join(", ")}`
        : "";
      notice = `No NOVITA_API_KEY: checking a throwaway in-memory sandbox at ${sandbox.origin} (one serving endpoint created on it${quirkText}).`;
    }

    if (args.json) console.error(notice);
    else console.log(notice);
    const check = await checkConnection(options, { write: args.write });
    const summary = summarizeCheck(check);
    if (args.json) {
      const target = apiKey
        ? { kind: "novita", apiHost: new URL(options.apiBaseUrl).host }
        : { kind: "sandbox", origin: sandbox!.origin };
      console.log(scrubSecret(JSON.stringify({ target, ...check, summary }, null, 2), secret));
    } else {
      console.log("");
      for (const line of printable(check)) console.log(scrubSecret(line, secret));
      console.log("");
      console.log(`${summary.text}.`);
    }
    return summary.mismatches === 0 ? 0 : 1;
  } catch (error) {
    const message = scrubSecret(error instanceof Error ? error.message : String(error), secret);
    if (error instanceof UsageError) {
      console.error(`check:novita: ${message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`check:novita: the check could not run: ${message}`);
    return 1;
  } finally {
    await sandbox?.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
