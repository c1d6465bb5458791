"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import { getConfig } from "@/lib/config";
import { activeConnection } from "@/lib/connection";
import { keyFingerprint } from "@/lib/custody/cipher";
import { novitaKeySchema } from "@/lib/custody/schema";
import { connectionStatus, removeNovitaKey, storeNovitaKey, testNovitaKey } from "@/lib/custody/service";
import { checkConnection } from "@/lib/novita/check";

const TARGET = { targetType: "novita-connection", targetId: () => "novita" };

const ENV_WINS =
  "NOVITA_API_KEY is set in the server's environment and wins over a key stored here. " +
  "Unset it and restart the console to manage the key in Settings.";

/**
 * Connect or rotate: the key is tested against Novita before it replaces anything. Only fingerprints go into
 * results and audit rows.
 */
function saveKey(kind: "set" | "rotate") {
  return guardedAction(
    { role: "admin", input: novitaKeySchema, audit: { action: `connection.${kind}`, ...TARGET } },
    async ({ apiKey }, user, trail) => {
      const fingerprint = keyFingerprint(apiKey);
      trail.after({ fingerprint });
      if (getConfig().novitaApiKey) return fail("conflict", ENV_WINS);
      const current = (await connectionStatus()).stored;
      trail.before(current ? { fingerprint: current.fingerprint } : null);
      if (kind === "set" && current)
        return fail("conflict", `A key (${current.fingerprint}) is already stored: rotate it instead.`);
      if (kind === "rotate" && !current)
        return fail("conflict", "There is no stored key to rotate: connect one first.");
      const test = await testNovitaKey(apiKey);
      if (!test.ok) return fail("upstream", test.message, { apiKey: test.message });
      const info = await storeNovitaKey(apiKey, user.email);
      revalidatePath("/", "layout");
      return ok({ fingerprint: info.fingerprint, endpointCount: test.endpointCount });
    },
  );
}

export const connectNovitaKeyAction = saveKey("set");
export const rotateNovitaKeyAction = saveKey("rotate");

export const removeNovitaKeyAction = guardedAction(
  { role: "admin", input: z.object({}), audit: { action: "connection.remove", ...TARGET } },
  async (_input, _user, trail) => {
    const current = (await connectionStatus()).stored;
    if (!current) return fail("not_found", "There is no stored key to remove.");
    trail.before({ fingerprint: current.fingerprint });
    trail.after(null);
    await removeNovitaKey();
    revalidatePath("/", "layout");
    return ok({ removed: current.fingerprint, envKeyInUse: Boolean(getConfig().novitaApiKey) });
  },
);

/**
 * The connection check: read-only probes of every Novita call the console relies on, against the connection in
 * use (the sandbox in local mode). The report carries paths, statuses and field names, never the key.
 */
export const checkNovitaConnectionAction = guardedAction(
  { role: "admin", input: z.object({}), audit: { action: "connection.check", ...TARGET } },
  async (_input, _user, trail) => {
    const report = await checkConnection(activeConnection().clientOptions);
    trail.after({ ok: report.ok, mismatches: report.rows.filter((row) => row.verdict === "mismatch").length });
    return ok(report);
  },
);
