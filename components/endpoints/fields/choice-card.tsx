import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * A radio button drawn as a card (GPU type, template, scaling policy): a real `<input type="radio">`, so keyboard,
 * screen readers and `getByRole("radio")` work as with any radio group. The input covers the card, transparent,
 * so a click anywhere on it lands on the input itself.
 */
export function ChoiceCard({
  title,
  detail,
  children,
  className,
  ...input
}: Omit<ComponentProps<"input">, "type" | "title"> & { title: ReactNode; detail?: ReactNode; children?: ReactNode }) {
  return (
    <label
      className={cn(
        "relative flex cursor-pointer flex-col gap-1 rounded-lg border bg-card p-4 text-left shadow-xs",
        "transition-colors hover:border-primary/60",
        "has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:checked]:ring-1 has-[:checked]:ring-primary",
        "has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60",
        "has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
        className,
      )}
    >
      <input
        type="radio"
        className={cn(
          "peer absolute inset-0 z-10 size-full cursor-pointer appearance-none rounded-lg opacity-0",
          "disabled:cursor-not-allowed",
        )}
        {...input}
      />
      <span className="pr-6 font-medium">{title}</span>
      {detail ? <span className="text-sm text-muted-foreground">{detail}</span> : null}
      {children}
      <span
        aria-hidden="true"
        className={cn(
          "absolute top-4 right-4 size-4 rounded-full border border-input",
          "peer-checked:border-[5px] peer-checked:border-primary",
        )}
      />
    </label>
  );
}
