import { Badge } from "@/components/ui/badge";

/** An HTTP method as a badge: reads in green, writes in the primary colour. */
export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge variant={method === "GET" ? "success" : "default"} className="font-mono">
      {method}
    </Badge>
  );
}
