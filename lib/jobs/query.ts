/**
 * `/api/jobs` query parameters ⇄ ledger filters; one schema for the route and the page. Browser-safe, but the browser
 * takes only the filter type from here (and the page size from ./page-size), so its pages do not download zod.
 */
import { z } from "zod";
import { decodeKeysetCursor, keysetPaging, queryText } from "@/lib/api/query";
import type { JobFilters } from "./ledger";
import { JOBS_PAGE_SIZE } from "./page-size";
import { JOB_STATUS_GROUPS } from "./status";

export { JOBS_PAGE_SIZE };

/** What `/api/jobs` filters on; the browser's filter type is this schema's input (`JobListFilters`). */
export const jobListFilterSchema = z.object({
  group: z.enum(JOB_STATUS_GROUPS).optional().describe("The status tab; unset: every job."),
  endpoint: queryText({ min: 1 }).optional().describe("An endpoint's id: its jobs only."),
  submitter: queryText({ min: 1 }).optional().describe("A member's user id: the jobs they (or their tokens) sent."),
  from: z.iso.datetime({ offset: true }).optional().describe("Submitted at or after this moment (ISO 8601)."),
  to: z.iso.datetime({ offset: true }).optional().describe("Submitted before this moment (ISO 8601)."),
  q: queryText({ max: 200 })
    .optional()
    .describe("Words of the job's input (a prompt, say), or a job id (the console's or Novita's)."),
});
export type JobListFilters = z.input<typeof jobListFilterSchema>;

/** The filters and a keyset page (`after`: `<submittedAt ISO>|<id>` of the last row of the previous page). */
export const jobListQuerySchema = jobListFilterSchema.extend(keysetPaging(JOBS_PAGE_SIZE).shape);
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

export function encodeCursor(cursor: { submittedAt: string; id: string }): string {
  return `${cursor.submittedAt}|${cursor.id}`;
}

export function decodeCursor(value: string | undefined): { submittedAt: string; id: string } | undefined {
  const cursor = decodeKeysetCursor(value);
  return cursor && { submittedAt: cursor.at, id: cursor.id };
}

/** The ledger filters a query asks for (the status tab apart: counts are taken across tabs). */
export function toJobFilters(query: JobListQuery): JobFilters {
  return {
    endpointId: query.endpoint,
    submittedBy: query.submitter,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    search: query.q,
  };
}
