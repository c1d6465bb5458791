import { AlertCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

/** A failed read: the server's sentence, and how to try again. */
export interface RetryProps {
  message: string;
  onRetry: () => void;
  retrying: boolean;
}

/** "Could not load {what}: {message}" with a Retry button: a failed read of a list, a page of it, or a count. */
export function LoadError({
  what,
  message,
  onRetry,
  retrying,
}: RetryProps & {
  /** What failed to load, as the sentence needs it: "jobs", "more jobs", "the outputs". */
  what: string;
}) {
  return (
    <div
      role="alert"
      className={cn(
        "flex flex-wrap items-center gap-3 rounded-lg px-4 py-3 text-sm",
        "border border-destructive/40 bg-destructive/10 text-destructive",
      )}
    >
      <AlertCircle className="size-4 shrink-0" aria-hidden />
      <span className="min-w-0 flex-1">
        Could not load {what}: {message}
      </span>
      <Button variant="outline" size="sm" onClick={onRetry} loading={retrying}>
        Retry
      </Button>
    </div>
  );
}

/** `LoadError` for a failed React Query read: its message, and a refetch to retry. */
export function QueryLoadError({
  what,
  query,
}: {
  what: string;
  query: { error: Error | null; refetch: () => unknown; isFetching: boolean };
}) {
  return (
    <LoadError
      what={what}
      message={query.error?.message ?? "unknown error"}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
