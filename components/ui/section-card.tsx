import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils/cn";

/**
 * A card that is one section of a page: an h2 title (with an optional description, and header actions at the
 * right), then its content.
 */
export function SectionCard({
  title,
  description,
  actions,
  className,
  contentClassName,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /**
   * Buttons at the header's right edge; they wrap under the title on narrow screens. `null` keeps that header
   * layout with nothing in it (for a reader without the buttons); leave it out for a plain header.
   */
  actions?: ReactNode;
  /** For the card, e.g. `min-w-0` inside a grid. */
  className?: string;
  contentClassName?: string;
  children: ReactNode;
}) {
  const heading = (
    <>
      <CardTitle>
        <h2 className="flex items-center gap-2 text-base">{title}</h2>
      </CardTitle>
      {description ? <CardDescription>{description}</CardDescription> : null}
    </>
  );
  return (
    <Card className={cn("gap-4 py-5", className)}>
      {actions !== undefined ? (
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2 px-5">
          <div className="grid gap-1">{heading}</div>
          {actions}
        </CardHeader>
      ) : (
        <CardHeader className="px-5">{heading}</CardHeader>
      )}
      <CardContent className={cn("px-5", contentClassName)}>{children}</CardContent>
    </Card>
  );
}
