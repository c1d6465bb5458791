/**
 * What the browser needs of `/api/outputs` besides its query schema (lib/outputs/query.ts): the page size, the items'
 * shape and their URLs. No zod here, so the gallery's pages do not download it.
 */
import type { OutputKind } from "./sniff";

/** Items per `/api/outputs` page unless the caller asks for another `limit`. */
export const OUTPUTS_PAGE_SIZE = 60;

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

/** Grid tiles are ~150–180 CSS px: 384 px covers them at 2× density for a little over half the bytes of 512 px. */
export const THUMBNAIL_MAX_PX = 384;

export const outputUrl = (id: string) => `/api/outputs/${encodeURIComponent(id)}`;
export const outputDownloadUrl = (id: string) => `${outputUrl(id)}?download=1`;
export const outputThumbnailUrl = (id: string) => `${outputUrl(id)}/thumbnail`;
