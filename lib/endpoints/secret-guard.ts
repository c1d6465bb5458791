/**
 * Hidden secret values (secret-env.ts) are for admins only, but a save keeps them when the form still holds the
 * placeholder. Whoever chooses what runs with them — the image, its start command, the bucket URL the worker sends
 * its storage credentials to — could hand them to code of their choice. So while an edit keeps hidden values,
 * changing any of the three needs an admin. An edit that drops or retypes every hidden value carries nothing hidden
 * and needs no more than the operator role. Browser-safe: the settings form locks the same fields by the same rule.
 */
import { isSecretName, type EnvRow } from "./env";
import { isMaskedEnvValue } from "./secret-env";

export const BUCKET_URL_KEY = "BUCKET_ENDPOINT_URL";

/** What decides where hidden values end up; `command` unset or "" is the image's own. */
export interface ImageAndEnv {
  image: string;
  command: string | undefined;
  env: EnvRow[];
}

export type AdminOnlyChange = "image" | "command" | "bucketUrl";

/** A saved value is hidden when its name looks secret and it is not empty (the form then gets the placeholder). */
function hiddenNames(current: EnvRow[]): Set<string> {
  return new Set(
    current.filter((row) => isSecretName(row.key.trim()) && row.value !== "").map((row) => row.key.trim()),
  );
}

/** Names whose hidden saved value the edit keeps: its row still holds the placeholder under the same name. */
export function keptHiddenValues(current: EnvRow[], edited: EnvRow[]): string[] {
  const hidden = hiddenNames(current);
  return edited.filter((row) => isMaskedEnvValue(row.value) && hidden.has(row.key.trim())).map((row) => row.key.trim());
}

function bucketUrlOf(env: EnvRow[]): string {
  return env.find((row) => row.key.trim() === BUCKET_URL_KEY)?.value.trim() ?? "";
}

/**
 * Which of the edit's changes only an admin may make, given the endpoint as it is (`current`: Novita's spec, or the
 * form's masked copy of it — both read the same) and the edit. Removing the bucket URL sends nothing anywhere new.
 */
export function changesNeedingAdmin(
  current: ImageAndEnv,
  edited: ImageAndEnv,
): { kept: string[]; changes: AdminOnlyChange[] } {
  const kept = keptHiddenValues(current.env, edited.env);
  if (kept.length === 0) return { kept, changes: [] };
  const changes: AdminOnlyChange[] = [];
  if (edited.image.trim() !== current.image.trim()) changes.push("image");
  if ((edited.command ?? "").trim() !== (current.command ?? "").trim()) changes.push("command");
  const bucketUrl = bucketUrlOf(edited.env);
  if (bucketUrl !== "" && bucketUrl !== bucketUrlOf(current.env)) changes.push("bucketUrl");
  return { kept, changes };
}

const WHAT: Record<AdminOnlyChange, string> = {
  image: "the image",
  command: "the start command",
  bucketUrl: BUCKET_URL_KEY,
};

/**
 * The sentence shown by a locked field, e.g. "Only an admin can
 * change the image while this endpoint holds hidden secret values".
 */
export function adminOnlyNote(change: AdminOnlyChange): string {
  return `Only an admin can change ${WHAT[change]} while this endpoint holds hidden secret values`;
}

/** One message per refused field, keyed like the form's fields (`image`, `command`, `env.<row>.value`). */
export function adminOnlyFieldErrors(
  decision: { kept: string[]; changes: AdminOnlyChange[] },
  editedEnv: EnvRow[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  const names = decision.kept.join(", ");
  for (const change of decision.changes) {
    const field =
      change === "bucketUrl" ? `env.${editedEnv.findIndex((row) => row.key.trim() === BUCKET_URL_KEY)}.value` : change;
    fields[field] = `${adminOnlyNote(change)} (${names}).`;
  }
  return fields;
}
