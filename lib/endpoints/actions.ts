"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardedAction } from "@/lib/actions/define";
import { fail, ok } from "@/lib/actions/result";
import {
  deleteSchema,
  endpointIdSchema,
  jobRouteNameSchema,
  registryCredentialSchema,
  revealEnvSchema,
  scaleSchema,
} from "@/lib/endpoints/actions-schema";
import {
  addRegistryCredential,
  checkForm,
  chooseJobRouteName,
  createEndpointFromForm,
  deleteEndpoint as deleteEndpointById,
  readEndpointEnvValue,
  scaleEndpoint as scaleEndpointById,
  updateEndpointFromForm,
} from "@/lib/endpoints/service";
import { forgetEndpointViews } from "@/lib/endpoints/shared-views";
import { getNovitaClient } from "@/lib/novita/process";

// Novita's refusals are thrown as NovitaErrors; guardedAction turns them into form errors on the field Novita blamed.

async function limitsAndStorages() {
  const { management } = getNovitaClient();
  const [limits, storages] = await Promise.all([management.getLimits(), management.listNetworkStorages()]);
  return { limits, storages };
}

export const createEndpointAction = guardedAction(
  { role: "admin", input: z.unknown(), audit: { action: "endpoint.create", targetType: "endpoint" } },
  async (input, user, trail) => {
    const { limits, storages } = await limitsAndStorages();
    const check = checkForm(input, limits);
    if (!check.ok) return fail("invalid", "Some fields need attention.", check.fields);
    const created = await createEndpointFromForm(check.form, storages, user.id);
    trail.target(created.id);
    forgetEndpointViews();
    revalidatePath("/endpoints");
    return ok(created);
  },
);

export const updateEndpointAction = guardedAction(
  {
    role: "operator",
    input: z.object({ id: endpointIdSchema, form: z.unknown() }),
    audit: { action: "endpoint.update", targetType: "endpoint", targetId: (input) => input.id },
  },
  async ({ id, form }, user) => {
    const { limits, storages } = await limitsAndStorages();
    const check = checkForm(form, limits);
    if (!check.ok) return fail("invalid", "Some fields need attention.", check.fields);
    // Operators may edit, but not move hidden secret values to another image, command or bucket (admins only).
    const refused = await updateEndpointFromForm(id, check.form, storages, user);
    if (refused) return fail(refused.code, refused.message, refused.fields);
    forgetEndpointViews();
    revalidatePath(`/endpoints/${id}`);
    return ok({ id });
  },
);

export const scaleEndpointAction = guardedAction(
  {
    role: "operator",
    input: scaleSchema,
    audit: { action: "endpoint.scale", targetType: "endpoint", targetId: (input) => input.id },
  },
  async ({ id, min, max }) => {
    const { limits } = await limitsAndStorages();
    if (max > limits.workers.max)
      return fail("invalid", `Novita allows at most ${limits.workers.max} workers.`, {
        max: `At most ${limits.workers.max}.`,
      });
    await scaleEndpointById(id, { min, max });
    forgetEndpointViews();
    revalidatePath(`/endpoints/${id}`);
    return ok({ id, min, max });
  },
);

export const deleteEndpointAction = guardedAction(
  {
    role: "admin",
    input: deleteSchema,
    audit: { action: "endpoint.delete", targetType: "endpoint", targetId: (input) => input.id },
  },
  async ({ id, confirmName }) => {
    const endpoint = await getNovitaClient().management.getEndpoint(id);
    if (confirmName.trim() !== (endpoint.spec.name || endpoint.id)) {
      return fail("invalid", "Type the endpoint's name exactly to confirm.", {
        confirmName: `Type ${endpoint.spec.name || endpoint.id} to confirm.`,
      });
    }
    await deleteEndpointById(id);
    forgetEndpointViews();
    revalidatePath("/endpoints");
    return ok({ id });
  },
);

/** The password goes to Novita once and is never returned or stored here. */
export const createRegistryCredentialAction = guardedAction(
  {
    role: "admin",
    input: registryCredentialSchema,
    audit: { action: "registry-credential.create", targetType: "registry-credential", targetId: (input) => input.name },
  },
  async (input) => {
    const credential = await addRegistryCredential(input);
    return ok({ id: credential.id, name: credential.name, username: credential.username });
  },
);

/** Admins see one hidden env value on request; the audit row names the variable, never its value. */
export const revealEndpointEnvValueAction = guardedAction(
  {
    role: "admin",
    input: revealEnvSchema,
    audit: { action: "endpoint.env.reveal", targetType: "endpoint", targetId: (input) => input.id },
  },
  async ({ id, key }, _user, trail) => {
    trail.after({ variable: key });
    const value = await readEndpointEnvValue(id, key);
    if (value === undefined)
      return fail("not_found", `${key} is not set on this endpoint (any more). Reload the page.`);
    return ok({ value });
  },
);

/** Sets or clears the route name job calls use (tested against the gateway's /health first). */
export const setJobRouteNameAction = guardedAction(
  {
    role: "operator",
    input: jobRouteNameSchema,
    audit: { action: "endpoint.route-name", targetType: "endpoint", targetId: (input) => input.id },
  },
  async ({ id, routeName }, _user, trail) => {
    trail.after({ routeName: routeName || null });
    const chosen = await chooseJobRouteName(id, routeName);
    forgetEndpointViews();
    revalidatePath(`/endpoints/${id}`);
    return ok(chosen);
  },
);
