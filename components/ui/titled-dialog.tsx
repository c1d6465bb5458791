"use client";

import { Slot } from "radix-ui";
import { lazy, Suspense, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";

const TitledDialogPanel = lazy(() =>
  import("./titled-dialog-panel").then((module) => ({ default: module.TitledDialogPanel })),
);

// Slot's props are an element's, which have no `type`; the trigger is a button, as Radix's own trigger makes it.
const BUTTON_TYPE: Record<string, string> = { type: "button" };

/**
 * What every dialog of the console starts with: the button that opens it (`trigger`, optional for a dialog opened
 * from elsewhere), its title and description, then its body (a form, a comparison …).
 *
 * The dialog itself (Radix, with its focus trap and scroll lock) downloads when it first opens, not with the page:
 * until then `trigger` gets what Radix's trigger would give it (a toggle on click, `type="button"`, `aria-haspopup`,
 * `aria-expanded`, `aria-controls`), and closing gives the focus back to it, as Radix does.
 */
export function TitledDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger?: ReactNode;
  title: ReactNode;
  description: ReactNode;
  /** For the dialog's panel, e.g. its width. */
  className?: string;
  children: ReactNode;
}) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  const contentId = useId();
  const triggerRef = useRef<HTMLElement>(null);

  return (
    <>
      {trigger ? (
        <Slot.Root
          ref={triggerRef}
          {...BUTTON_TYPE}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={contentId}
          data-state={open ? "open" : "closed"}
          onClick={(event: MouseEvent) => {
            if (!event.defaultPrevented) onOpenChange(!open);
          }}
        >
          {trigger}
        </Slot.Root>
      ) : null}
      {opened ? (
        <Suspense fallback={null}>
          <TitledDialogPanel
            open={open}
            onOpenChange={onOpenChange}
            contentId={contentId}
            onCloseAutoFocus={
              trigger
                ? (event) => {
                    event.preventDefault();
                    triggerRef.current?.focus();
                  }
                : undefined
            }
            title={title}
            description={description}
            className={className}
          >
            {children}
          </TitledDialogPanel>
        </Suspense>
      ) : null}
    </>
  );
}
