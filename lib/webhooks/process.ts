import "server-only";
import { consoleSecret, getConfig } from "@/lib/config";
import { activeConnection } from "@/lib/connection";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { processSingletonPromise } from "@/lib/utils/process-singleton";
import type { WebhookPolicy } from "./accept";
import { WebhookDeliverer } from "./delivery";

/** The rules now: loopback receivers only in local mode (the connection in use, not the one at startup). */
export function webhookPolicyNow(): WebhookPolicy {
  return { allowLoopback: activeConnection().mode === "local" };
}

/** Starts the delivery loop once per server process (lib/server/startup.ts, next to the tracker). */
export function startWebhookDeliverer(): Promise<WebhookDeliverer> {
  return processSingletonPromise("webhook-deliverer", async () => {
    const deliverer = new WebhookDeliverer({
      db: await getDb(),
      consoleSecret: () => consoleSecret(),
      policy: webhookPolicyNow,
      pausesMs: getConfig().webhookRetryPausesMs,
      onError: (error, context) =>
        logger.warn({ err: error instanceof Error ? error.message : String(error), context }, "webhooks"),
    });
    deliverer.start();
    return deliverer;
  });
}
