"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { lazy, Suspense, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { useDeferredPopup } from "@/components/ui/deferred-popup";

const subscribeNever = () => () => {};
const loadMenu = () => import("./theme-menu");
const ThemeMenu = lazy(() => loadMenu().then((module) => ({ default: module.ThemeMenu })));

/**
 * Light, dark, or follow the system (the default). The choice is kept in this browser. The menu downloads on first
 * use (components/ui/deferred-popup.tsx).
 */
export function ThemeToggle() {
  const { resolvedTheme } = useTheme();
  // The theme is only known in the browser; render a neutral icon on the server.
  const mounted = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const Icon = !mounted ? Monitor : resolvedTheme === "dark" ? Moon : Sun;
  const { openedWith, triggerProps } = useDeferredPopup("menu", loadMenu);

  const placeholder = (
    <Button variant="ghost" size="icon" aria-label="Theme" {...triggerProps}>
      <Icon className="size-4" />
    </Button>
  );
  if (!openedWith) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <ThemeMenu icon={<Icon className="size-4" />} openedWith={openedWith} />
    </Suspense>
  );
}
