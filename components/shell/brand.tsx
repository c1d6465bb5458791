import Image from "next/image";
import { cn } from "@/lib/utils/cn";

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn("flex items-center gap-2 font-semibold tracking-tight", className)}>
      <Image src="/icon.svg" alt="" width={24} height={24} priority />
      <span>Novita Console</span>
    </span>
  );
}
