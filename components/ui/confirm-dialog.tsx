"use client";

import type * as React from "react";

import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog-layout";
import { TitledDialog } from "@/components/ui/titled-dialog";

type ConfirmDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens the dialog; none when something else sets `open`. */
  trigger?: React.ReactNode;
  title: React.ReactNode;
  description: React.ReactNode;
  /** Between the description and the buttons: fields, a list, a form-level error. */
  children?: React.ReactNode;
  /** The main button's text. */
  confirmLabel: React.ReactNode;
  confirmVariant?: "default" | "destructive";
  /** With `onSubmit` the body and buttons are a form and the main button submits it; otherwise it calls `onConfirm`. */
  onConfirm?: () => void;
  onSubmit?: (event: React.FormEvent<HTMLFormElement>) => void;
  /** Spins and disables the main button. */
  pending?: boolean;
  confirmDisabled?: boolean;
  /** The button that closes the dialog; `null` for none. */
  cancelLabel?: string | null;
  cancelDisabled?: boolean;
  cancelVariant?: "outline" | "ghost";
  /** A further button, before the main one. */
  secondaryAction?: React.ReactNode;
};

/**
 * A dialog that asks before doing something: title, description, an optional body, then Cancel and the main
 * button. As a form (`onSubmit`) its submit never bubbles to a form the dialog sits in within React's tree.
 */
function ConfirmDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  confirmLabel,
  confirmVariant = "default",
  onConfirm,
  onSubmit,
  pending = false,
  confirmDisabled = false,
  cancelLabel = "Cancel",
  cancelDisabled = false,
  cancelVariant = "outline",
  secondaryAction,
}: ConfirmDialogProps) {
  const footer = (
    <DialogFooter>
      {cancelLabel === null ? null : (
        <Button type="button" variant={cancelVariant} disabled={cancelDisabled} onClick={() => onOpenChange(false)}>
          {cancelLabel}
        </Button>
      )}
      {secondaryAction}
      <Button
        type={onSubmit ? "submit" : "button"}
        variant={confirmVariant}
        onClick={onSubmit ? undefined : onConfirm}
        disabled={confirmDisabled}
        loading={pending}
      >
        {confirmLabel}
      </Button>
    </DialogFooter>
  );
  return (
    <TitledDialog open={open} onOpenChange={onOpenChange} trigger={trigger} title={title} description={description}>
      {onSubmit ? (
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(event) => {
            event.stopPropagation();
            onSubmit(event);
          }}
        >
          {children}
          {footer}
        </form>
      ) : (
        <>
          {children}
          {footer}
        </>
      )}
    </TitledDialog>
  );
}

export { ConfirmDialog };
export type { ConfirmDialogProps };
