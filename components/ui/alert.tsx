import { AlertCircle } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils/cn";

/** An error box, announced to screen readers the moment it appears. */
export function Alert({ className, children, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      role="alert"
      className={cn(
        "flex items-start gap-2 rounded-md border px-3 py-2 text-sm",
        "border-destructive/40 bg-destructive/10 text-destructive",
        className,
      )}
      {...props}
    >
      <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{children}</span>
    </div>
  );
}

/** A form-level error (not tied to one field); nothing while there is none. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? <Alert>{message}</Alert> : null;
}
