"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";

/**
 * How a popup that downloads on first use was opened: its library (Radix's menus and popovers, with their
 * positioning and focus machinery) stays out of the page's first load. Until the first use, the trigger is a plain
 * button with the same look and the same `aria-haspopup`, given `triggerProps`; activating it the way Radix's own
 * trigger would (a menu: a primary-button press, Enter, Space or ArrowDown; a popover: a click) sets `openedWith`,
 * and the component then renders the real popup, open (`defaultOpen`). Pointing at or focusing the trigger starts
 * the download, so the popup is usually there by the time it is pressed.
 */
export type OpenedWith = "pointer" | "keyboard";

export function useDeferredPopup(kind: "menu" | "dialog", preload: () => Promise<unknown>) {
  const [openedWith, setOpenedWith] = useState<OpenedWith | null>(null);
  const warm = () => void preload().catch(() => undefined);
  const common = {
    type: "button" as const,
    "aria-haspopup": kind,
    "aria-expanded": false,
    "data-state": "closed",
    onPointerEnter: warm,
    onFocus: warm,
  };
  const triggerProps =
    kind === "menu"
      ? {
          ...common,
          onPointerDown: (event: PointerEvent<HTMLButtonElement>) => {
            if (event.button !== 0 || event.ctrlKey) return;
            // As Radix's trigger does: the press opens the menu, and focus goes into it rather than to the button.
            event.preventDefault();
            setOpenedWith("pointer");
          },
          onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => {
            if (event.key !== "Enter" && event.key !== " " && event.key !== "ArrowDown") return;
            event.preventDefault();
            setOpenedWith("keyboard");
          },
        }
      : { ...common, onClick: () => setOpenedWith("pointer") };
  return { openedWith, triggerProps };
}

/**
 * For a deferred menu's content (`ref`): when its first opening came from the keyboard, the first item takes the
 * focus once the menu is in place, as Radix does when it saw the key press itself.
 */
export function useKeyboardOpenFocus(openedWith: OpenedWith | null | undefined) {
  const content = useRef<HTMLDivElement>(null);
  const keyboard = openedWith === "keyboard";
  useEffect(() => {
    if (!keyboard) return;
    // Only the opening that mounted the menu (openedWith never changes after it): later ones are Radix's own.
    content.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([data-disabled])')?.focus();
  }, [keyboard]);
  return content;
}
