import { cn } from "@/lib/utils/cn";

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn("flex items-center gap-2 font-semibold tracking-tight", className)}>
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG, which next/image serves as it is; a plain img keeps next/image's script off every page */}
      <img src="/icon.svg" alt="" width={24} height={24} fetchPriority="high" decoding="async" />
      <span>Novita Console</span>
    </span>
  );
}
