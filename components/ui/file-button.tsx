"use client";

import { useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A small outline button that opens the file chooser of a hidden file input. The input is emptied after each
 * choice, so choosing the same file again is noticed too.
 */
export function FileButton({
  accept,
  onFile,
  disabled,
  inputId,
  inputLabel,
  children,
}: {
  accept: string;
  onFile: (file: File | undefined) => void;
  disabled?: boolean;
  /** The hidden input's id, for a label elsewhere that names it. */
  inputId?: string;
  /** The hidden input's accessible name, when no label names it. */
  inputLabel?: string;
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button type="button" variant="outline" size="sm" onClick={() => input.current?.click()} disabled={disabled}>
        {children}
      </Button>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={accept}
        className="sr-only"
        tabIndex={-1}
        aria-label={inputLabel}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          onFile(file);
        }}
      />
    </>
  );
}
