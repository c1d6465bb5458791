import { cn } from "@/lib/utils/cn";

/**
 * Which Novita the console talks to. Until the client and sandbox land (issue 3) there is none, and the
 * header says so plainly rather than pretending.
 */
export function ConnectionStatus({ className }: { className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-2 rounded-full border px-2.5 py-1 text-xs font-medium text-muted-foreground",
        className,
      )}
      title="No Novita account or local sandbox is connected yet."
      data-testid="connection-status"
    >
      <span className="size-2 rounded-full bg-muted-foreground/50" aria-hidden />
      Not connected
    </span>
  );
}
