"use client";

import { Search } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils/cn";

/**
 * A search field whose query goes to the server: typing settles for `settleMs` first, Enter sends it at once, and a
 * value changed under the box (Clear filters, the back button) shows what it says now.
 */
export function SearchBox({
  value,
  onChange,
  label,
  placeholder,
  className,
  settleMs = 300,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The accessible name, e.g. "Search jobs by id or by text in the input". */
  label: string;
  placeholder?: string;
  className?: string;
  settleMs?: number;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => latest.current(draft), settleMs);
    return () => clearTimeout(timer);
  }, [draft, value, settleMs]);
  return (
    <div className={cn("relative w-full", className)}>
      <Search
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") onChange(draft);
        }}
        className="pl-8"
      />
    </div>
  );
}
