"use client";

import { useTheme } from "next-themes";
import { lazy, Suspense, useSyncExternalStore, type CSSProperties } from "react";
import type { ExternalToast, ToasterProps } from "sonner";

/**
 * Toasts (sonner), downloaded with the first toast rather than with every page: `toast` below loads sonner and
 * shows the toast then; the outlet mounts at the same moment. Toasts made before the outlet subscribes are shown
 * when it does (sonner replays them).
 */
type Sonner = typeof import("sonner");

let sonner: Promise<Sonner> | undefined;
let wanted = false;
const listeners = new Set<() => void>();

function loadSonner(): Promise<Sonner> {
  if (!sonner) {
    sonner = import("sonner");
    // A failed download is tried again with the next toast.
    sonner.catch(() => (sonner = undefined));
  }
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  return sonner;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Message = Parameters<Sonner["toast"]["success"]>[0];

function show(kind: "success" | "error" | "warning") {
  return (message: Message, data?: ExternalToast): void => {
    void loadSonner().then(({ toast }) => toast[kind](message, data));
  };
}

/** `toast.success("Saved.")`, `toast.error(message, { description })`, `toast.warning(…)`. */
const toast = { success: show("success"), error: show("error"), warning: show("warning") };

const SonnerToaster = lazy(() => import("sonner").then((module) => ({ default: module.Toaster })));

/** App-wide toast outlet; follows the resolved light/dark theme. Mount once in the root layout. */
function Toaster(props: ToasterProps) {
  const { resolvedTheme } = useTheme();
  const active = useSyncExternalStore(
    subscribe,
    () => wanted,
    () => false,
  );
  if (!active) return null;
  const theme: ToasterProps["theme"] =
    resolvedTheme === "dark" ? "dark" : resolvedTheme === "light" ? "light" : "system";

  return (
    <Suspense fallback={null}>
      <SonnerToaster
        theme={theme}
        richColors
        closeButton
        className="toaster group"
        style={
          {
            "--normal-bg": "var(--popover)",
            "--normal-text": "var(--popover-foreground)",
            "--normal-border": "var(--border)",
            "--border-radius": "var(--radius)",
          } as CSSProperties
        }
        {...props}
      />
    </Suspense>
  );
}

export { Toaster, toast };
