"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { useOrigin } from "@/lib/hooks/use-origin";

/** The two base URLs at this page's origin, each with a copy button. */
export function BaseUrls() {
  const origin = useOrigin();
  const bases = [
    { label: "REST API", path: "/api/v1" },
    { label: "Novita-compatible gateway", path: "/api/novita/v1" },
  ];
  return (
    <dl className="grid gap-2 text-sm sm:grid-cols-[auto_minmax(0,1fr)] sm:items-center sm:gap-x-4">
      {bases.map((base) => (
        <div key={base.path} className="contents">
          <dt className="text-muted-foreground">{base.label}</dt>
          <dd className="flex min-w-0 items-center gap-1">
            <code
              className="min-w-0 truncate rounded bg-muted px-1.5 py-0.5 font-mono text-xs"
              title={origin + base.path}
            >
              {origin}
              {base.path}
            </code>
            <CopyButton text={origin + base.path} label={`Copy the ${base.label} base URL`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
