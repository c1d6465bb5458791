/** Every outputs query lives under `["outputs"]`: an `outputs` live event refreshes them all at once. */
export const OUTPUTS_QUERY_KEY = ["outputs"] as const;
