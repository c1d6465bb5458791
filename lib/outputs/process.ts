import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { activeConnection } from "@/lib/connection";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { getNovitaClient } from "@/lib/novita/process";
import { getEventBus } from "@/lib/tracker/bus";
import { processSingleton } from "@/lib/utils/process-singleton";
import { OutputArchiver } from "./archive";
import { hostOfBucketUrl, type FetchPolicy } from "./fetch";
import { S3OutputStore } from "./s3-store";
import { LocalOutputStore, type OutputStore } from "./store";

/** The process's output store: an S3-compatible bucket when OUTPUT_S3_BUCKET is set, else `DATA_DIR/outputs`. */
export function getOutputStore(): OutputStore {
  return processSingleton("output-store", () => {
    const config = getConfig();
    return config.outputS3
      ? new S3OutputStore(config.outputS3)
      : new LocalOutputStore(path.join(config.dataDir, "outputs"));
  });
}

/**
 * Download rules per endpoint: its BUCKET_ENDPOINT_URL host:port plus OUTPUT_FETCH_HOSTS. Loopback only in local
 * mode, and there only the sandbox's own 127.0.0.1:<SANDBOX_PORT>: an operator may write any BUCKET_ENDPOINT_URL, and
 * the console, its database or anything else listening on loopback must stay out of reach.
 */
async function fetchPolicyFor(endpointId: string): Promise<FetchPolicy> {
  const config = getConfig();
  const hosts = [...config.outputFetchHosts];
  try {
    const endpoint = await getNovitaClient().management.getEndpoint(endpointId);
    const bucket = hostOfBucketUrl(endpoint.spec.env.find((variable) => variable.key === "BUCKET_ENDPOINT_URL")?.value);
    if (bucket) hosts.push(bucket);
  } catch (error) {
    // A deleted endpoint still has outputs to archive from OUTPUT_FETCH_HOSTS (and base64 needs no host at all).
    logger.debug(
      { err: error instanceof Error ? error.message : String(error), endpointId },
      "no endpoint env for the output allow-list",
    );
  }
  // The connection in use now (a key stored in Settings leaves local mode without a restart).
  return {
    allowedHosts: hosts,
    allowLoopback: activeConnection().mode === "local" ? [`127.0.0.1:${config.sandboxPort}`] : [],
  };
}

/**
 * One archiver per server process. Its loop is started with the tracker (lib/tracker/process.ts), which pokes it when
 * a job completes; the jobs it archives are the `pending` rows of the ledger, whichever replica recorded them.
 */
export function getOutputArchiver(): Promise<OutputArchiver> {
  return processSingleton("output-archiver", () => {
    sweepStore();
    return getDb().then(
      (db) =>
        new OutputArchiver(
          { db, store: getOutputStore(), fetchPolicy: fetchPolicyFor },
          {
            bus: getEventBus(),
            onResult: (jobId, result) => logger.info({ jobId, ...result }, "output archive"),
            onError: (error, context) =>
              logger.warn({ err: error instanceof Error ? error.message : String(error), context }, "output archive"),
          },
        ),
    );
  });
}

/** Once per process: temporaries that writes cut short by a kill left in the local store (never served). */
function sweepStore(): void {
  const store = getOutputStore();
  if (!(store instanceof LocalOutputStore)) return;
  store.sweepTemporaries().then(
    (removed) => removed && logger.info({ removed }, "output store: removed temporaries of interrupted writes"),
    (error: unknown) =>
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, "output store: sweep failed"),
  );
}
