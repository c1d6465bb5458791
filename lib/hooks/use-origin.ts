"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** This page's origin (`https://console.example.com`): empty while rendering on the server, filled in the browser. */
export function useOrigin(): string {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
}
