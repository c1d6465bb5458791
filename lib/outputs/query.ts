/**
 * `/api/outputs` query parameters and the items it returns; one schema for the route, the page and the bench.
 * Browser-safe.
 */
import { z } from "zod";
import { decodeKeysetCursor, keysetPaging, queryText } from "@/lib/api/query";
import type { OutputKind } from "./sniff";

/** Items per `/api/outputs` page unless the caller asks for another `limit`. */
export const OUTPUTS_PAGE_SIZE = 60;

/** What `/api/outputs` filters on; the browser's filter type is this schema's input (`OutputListFilters`). */
export const outputListFilterSchema = z.object({
  endpoint: queryText({ min: 1, max: 200 }).optional().describe("An endpoint's id: its jobs' outputs only."),
  workflow: queryText({ min: 1, max: 200 }).optional().describe("A workflow's id: outputs of its runs only."),
  job: queryText({ min: 1, max: 200 }).optional().describe("A job's id: that job's outputs."),
  from: z.iso.datetime({ offset: true }).optional().describe("Archived at or after this moment (ISO 8601)."),
  to: z.iso.datetime({ offset: true }).optional().describe("Archived before this moment (ISO 8601)."),
  q: queryText({ max: 200 }).optional().describe("Words in the job's input (a prompt, say)."),
  favourites: z.enum(["1"]).optional().describe('"1": only the outputs you marked as favourites.'),
});
export type OutputListFilters = z.input<typeof outputListFilterSchema>;

/** The filters and a keyset page (`after`: `<createdAt ISO>|<id>` of the last item of the previous page). */
export const outputListQuerySchema = outputListFilterSchema.extend(keysetPaging(OUTPUTS_PAGE_SIZE).shape);
export type OutputListQuery = z.infer<typeof outputListQuerySchema>;

export interface GalleryItem {
  id: string;
  jobId: string;
  position: number;
  kind: OutputKind;
  filename: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
  endpointId: string;
  createdAt: string;
  favourite: boolean;
  workflowId: string | null;
  workflowVersion: number | null;
  workflowName: string | null;
}

export interface GalleryPage {
  items: GalleryItem[];
  next: string | null;
}

/** What the lightbox's metadata panel shows about one output. */
export interface OutputDetails {
  prompt: string | null;
  negativePrompt: string | null;
  seed: string | null;
  jobStatus: string;
  submittedAt: string;
}

export function encodeOutputCursor(cursor: { createdAt: string; id: string }): string {
  return `${cursor.createdAt}|${cursor.id}`;
}

export function decodeOutputCursor(value: string | undefined): { createdAt: string; id: string } | undefined {
  const cursor = decodeKeysetCursor(value);
  return cursor && { createdAt: cursor.at, id: cursor.id };
}

/** Grid tiles are ~150–180 CSS px: 384 px covers them at 2× density for a little over half the bytes of 512 px. */
export const THUMBNAIL_MAX_PX = 384;

export const outputUrl = (id: string) => `/api/outputs/${encodeURIComponent(id)}`;
export const outputDownloadUrl = (id: string) => `${outputUrl(id)}?download=1`;
export const outputThumbnailUrl = (id: string) => `${outputUrl(id)}/thumbnail`;
