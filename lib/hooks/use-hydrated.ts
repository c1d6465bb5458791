"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False on the server and during hydration, true once this component runs in the browser. For content that must
 * not be shown before it works: a form downloaded late (React.lazy) would otherwise come with the server's HTML
 * and take typing before React hydrates it, and a controlled input's state would never see that text.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
