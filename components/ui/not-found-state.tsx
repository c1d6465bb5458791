import { SearchX } from "lucide-react";
import Link from "next/link";
import type * as React from "react";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

type NotFoundStateProps = {
  title: string;
  /** What the console has no record of, and where it may have gone. */
  description: React.ReactNode;
  /** The list to go back to, and the button's text. */
  backHref: string;
  backLabel: React.ReactNode;
};

/** In place of a page whose id the console does not know: what is missing, and a button back to its list. */
function NotFoundState({ title, description, backHref, backLabel }: NotFoundStateProps) {
  return (
    <EmptyState
      icon={SearchX}
      title={title}
      description={description}
      action={
        <Button asChild variant="outline">
          <Link href={backHref}>{backLabel}</Link>
        </Button>
      }
    />
  );
}

export { NotFoundState };
export type { NotFoundStateProps };
