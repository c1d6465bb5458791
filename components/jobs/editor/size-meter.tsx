import { formatBytes } from "@/lib/format/bytes";
import { cn } from "@/lib/utils/cn";
import type { RequestSize } from "./json-text";

const BAR = { ok: "bg-primary", near: "bg-warning", over: "bg-destructive" } as const;
const LIMIT_NOTE = { near: "near the limit", over: "over the limit" } as const;
const TEXT = {
  ok: "text-muted-foreground",
  near: "text-[color-mix(in_oklch,var(--color-warning)_72%,black)] dark:text-warning",
  over: "text-destructive",
} as const;

/** The request's size against Novita's 4 MiB limit: amber near it, red over it. */
export function SizeMeter({ size }: { size: RequestSize }) {
  const ratio = size.bytes / size.limit;
  const percent = Math.min(100, ratio * 100);
  const text = `${formatBytes(size.bytes)} of ${formatBytes(size.limit)}`;
  return (
    <div className="grid min-w-40 gap-1" data-level={size.level}>
      <div className={cn("flex items-center justify-between gap-2 text-xs tabular-nums", TEXT[size.level])}>
        <span id="request-size-label">Request size</span>
        <span aria-hidden>
          {text}
          {size.level === "ok" ? "" : ` · ${LIMIT_NOTE[size.level]}`}
        </span>
      </div>
      <div
        role="meter"
        aria-labelledby="request-size-label"
        aria-valuemin={0}
        aria-valuemax={size.limit}
        aria-valuenow={Math.min(size.bytes, size.limit)}
        aria-valuetext={size.level === "ok" ? text : `${text}, ${LIMIT_NOTE[size.level]}`}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full transition-[width]", BAR[size.level])}
          style={{ width: `${Math.max(percent, size.bytes > 0 ? 1 : 0)}%` }}
        />
      </div>
    </div>
  );
}
