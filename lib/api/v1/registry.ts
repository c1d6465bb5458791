/**
 * Every `/api/v1` operation, in the order the OpenAPI document lists them. The one list: the route files export
 * these handlers, the document is built from these specs, and a test holds the two against each other.
 */
import "server-only";
import { getEndpointOperation, listEndpointsOperation } from "./endpoints";
import {
  cancelJobOperation,
  getJobOperation,
  listJobsOperation,
  resubmitJobOperation,
  sendJobsOperation,
} from "./jobs";
import { downloadOutputOperation, listOutputsOperation } from "./outputs";
import type { ApiOperation } from "./route";
import { getWorkflowOperation, listWorkflowsOperation, runWorkflowOperation } from "./workflows";

/** The REST API's operations. */
export const API_OPERATIONS: ApiOperation[] = [
  listEndpointsOperation,
  getEndpointOperation,
  listJobsOperation,
  sendJobsOperation,
  getJobOperation,
  cancelJobOperation,
  resubmitJobOperation,
  listWorkflowsOperation,
  getWorkflowOperation,
  runWorkflowOperation,
  listOutputsOperation,
  downloadOutputOperation,
];
