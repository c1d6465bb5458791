/**
 * The zod schema each server action parses its argument with (the same modules the actions import), so the fuzzer
 * can derive almost-valid inputs from it and drop any generated input the schema would accept: every input sent is
 * one the action must refuse. `null`: the action reads no input (signOutAction), so every call is a valid one.
 */
import { z } from "zod";
import { profileSchema, setupFormSchema, signInSchema } from "@/lib/auth/schemas";
import { novitaKeySchema } from "@/lib/custody/schema";
import {
  deleteSchema,
  endpointIdSchema,
  jobRouteNameSchema,
  registryCredentialSchema,
  revealEnvSchema,
  scaleSchema,
} from "@/lib/endpoints/actions-schema";
import { endpointFormSchema } from "@/lib/endpoints/form";
import {
  importJobSchema,
  jobIdsSchema,
  resubmitSchema,
  sendJobsSchema,
  settleJobSchema,
} from "@/lib/jobs/actions-schema";
import { favouriteSchema } from "@/lib/outputs/actions-schema";
import {
  acceptInviteSchema,
  changePasswordSchema,
  changeRoleSchema,
  inviteIdSchema,
  inviteSchema,
  removeMemberSchema,
} from "@/lib/team/schemas";
import { createTokenSchema, tokenIdSchema } from "@/lib/tokens/schemas";
import {
  createWorkflowSchema,
  curationUpdateSchema,
  defaultEndpointSchema,
  deleteWorkflowSchema,
  runWorkflowSchema,
  saveVersionSchema,
  updateWorkflowSchema,
} from "@/lib/workflows/schema";

const wide = { min: 0, max: 1_000_000 };
/** The endpoint form as the widest account would check it: an input it refuses, every account refuses. */
const endpointForm = endpointFormSchema({
  rootfsSizeGb: { ...wide, free: wide.max },
  localVolumeSizeGb: { ...wide, free: wide.max },
  workers: wide,
  idleTimeoutSeconds: wide,
  maxConcurrent: wide,
  queueWaitSeconds: wide,
  queuedRequests: wide,
  gpusPerWorker: wide,
  requestTimeoutSeconds: wide,
  cudaVersions: ["11.8", "12.1", "12.2", "12.4", "12.6", "12.8"],
});

export const ACTION_SCHEMAS: Record<string, z.ZodType | null> = {
  signInAction: signInSchema,
  signOutAction: null,
  createAdministratorAction: setupFormSchema,
  updateProfileAction: profileSchema,
  changePasswordAction: changePasswordSchema,
  inviteMemberAction: inviteSchema,
  revokeMemberInviteAction: inviteIdSchema,
  changeMemberRoleAction: changeRoleSchema,
  removeMemberAction: removeMemberSchema,
  acceptInvitationAction: acceptInviteSchema,
  createEndpointAction: endpointForm,
  updateEndpointAction: z.object({ id: endpointIdSchema, form: endpointForm }),
  scaleEndpointAction: scaleSchema,
  deleteEndpointAction: deleteSchema,
  createRegistryCredentialAction: registryCredentialSchema,
  revealEndpointEnvValueAction: revealEnvSchema,
  setJobRouteNameAction: jobRouteNameSchema,
  connectNovitaKeyAction: novitaKeySchema,
  rotateNovitaKeyAction: novitaKeySchema,
  removeNovitaKeyAction: z.object({}),
  checkNovitaConnectionAction: z.object({}),
  sendJobsAction: sendJobsSchema,
  cancelJobsAction: jobIdsSchema,
  resubmitJobAction: resubmitSchema,
  importJobAction: importJobSchema,
  settleJobAction: settleJobSchema,
  createWorkflowAction: createWorkflowSchema,
  saveVersionAction: saveVersionSchema,
  updateWorkflowAction: updateWorkflowSchema,
  setDefaultEndpointAction: defaultEndpointSchema,
  saveCurationAction: curationUpdateSchema,
  deleteWorkflowAction: deleteWorkflowSchema,
  runWorkflowAction: runWorkflowSchema,
  createTokenAction: createTokenSchema,
  revokeTokenAction: tokenIdSchema,
  rotateSigningSecretAction: z.object({}),
  favouriteOutputAction: favouriteSchema,
};
