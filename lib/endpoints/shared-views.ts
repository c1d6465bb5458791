import "server-only";
import { announceChange } from "@/lib/cluster/changes";
import { forgetSharedReads, sharedRead } from "@/lib/utils/shared-read";
import { getEndpointView, isNovitaError, listEndpointViews, type EndpointView } from "./service";

/**
 * The browser refreshes the list every 5 s and one endpoint every 3 s; one upstream read per interval serves them all.
 */
export const LIST_REFRESH_MS = 5_000;
export const DETAIL_REFRESH_MS = 3_000;

export function sharedEndpointViews(): Promise<EndpointView[]> {
  return sharedRead("endpoints:list", LIST_REFRESH_MS, listEndpointViews);
}

export function sharedEndpointView(id: string): Promise<EndpointView> {
  return sharedRead(`endpoints:one:${id}`, DETAIL_REFRESH_MS, () => getEndpointView(id));
}

/** After a create, edit, scale or delete, everybody's next read goes to Novita, on every replica. */
export function forgetEndpointViews(): void {
  forgetSharedReads("endpoints:");
  void announceChange("endpoints");
}

/**
 * A page's first paint of the endpoint list: undefined when Novita fails, so the page still renders and its client
 * list (which refetches) shows the error with Retry.
 */
export async function endpointViewsForFirstPaint(): Promise<EndpointView[] | undefined> {
  try {
    return await sharedEndpointViews();
  } catch (error) {
    if (isNovitaError(error)) return undefined;
    throw error;
  }
}
