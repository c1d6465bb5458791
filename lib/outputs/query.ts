/**
 * `/api/outputs` query parameters (zod) and the items it returns; one schema for the route, the page and the bench.
 * Browser-safe, but the browser takes what it needs from ./items (no zod) and only the filter type from here.
 */
import { z } from "zod";
import { decodeKeysetCursor, keysetPaging, queryText } from "@/lib/api/query";
import { OUTPUTS_PAGE_SIZE } from "./items";

export {
  OUTPUTS_PAGE_SIZE,
  THUMBNAIL_MAX_PX,
  outputDownloadUrl,
  outputThumbnailUrl,
  outputUrl,
  type GalleryItem,
  type GalleryPage,
  type OutputDetails,
} from "./items";

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

export function encodeOutputCursor(cursor: { createdAt: string; id: string }): string {
  return `${cursor.createdAt}|${cursor.id}`;
}

export function decodeOutputCursor(value: string | undefined): { createdAt: string; id: string } | undefined {
  const cursor = decodeKeysetCursor(value);
  return cursor && { createdAt: cursor.at, id: cursor.id };
}
