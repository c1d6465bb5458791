import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/** A job page's amber notice with its heading (why it is stuck, an outcome to settle), named by its heading. */
export function WarningSection({
  id,
  icon: Icon,
  title,
  className,
  children,
}: {
  id: string;
  icon: LucideIcon;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={cn("grid rounded-lg border border-warning/50 bg-warning/10 px-4 py-3 text-sm", className)}
    >
      <h2 id={id} className="flex items-center gap-2 font-semibold">
        <Icon
          className="size-4 text-[color-mix(in_oklch,var(--color-warning)_72%,black)] dark:text-warning"
          aria-hidden
        />
        {title}
      </h2>
      {children}
    </section>
  );
}
