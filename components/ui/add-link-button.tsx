import { Plus } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** A "+ Create …" button that is a link to the page that creates it. */
export function AddLinkButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button asChild>
      <Link href={href}>
        <Plus aria-hidden /> {children}
      </Link>
    </Button>
  );
}
