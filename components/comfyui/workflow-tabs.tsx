import Link from "next/link";
import { cn } from "@/lib/utils/cn";

/**
 * A workflow's views: its form (run, sweeps, versions), the gallery of what its runs produced, and its API (the run
 * as a script sends it).
 */
export function WorkflowTabs({ workflowId, current }: { workflowId: string; current: "form" | "gallery" | "api" }) {
  const id = encodeURIComponent(workflowId);
  const tabs = [
    { key: "form", label: "Form and runs", href: `/workflows/${id}` },
    { key: "gallery", label: "Gallery", href: `/workflows/${id}/gallery` },
    { key: "api", label: "API", href: `/workflows/${id}/api` },
  ] as const;
  return (
    <nav aria-label="Workflow views" className="mb-4 inline-flex rounded-lg bg-muted p-1 text-sm">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors hover:text-foreground",
            tab.key === current && "bg-background text-foreground shadow-xs",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
