"use client";

import { ChevronRight } from "lucide-react";
import { useState } from "react";
import { cn } from "@/lib/utils/cn";

const LONG_STRING = 200;
const MAX_CHILDREN = 200;
const BASE64 = /^(data:[\w/+.-]+;base64,)?[A-Za-z0-9+/\r\n]+={0,2}$/;

/** A long base64 string as "iVBORw0KGgoAAAANSUhEUgAA… (123,456 characters of base64)". */
export function shortenString(value: string): { text: string; shortened: boolean } {
  if (value.length <= LONG_STRING) return { text: value, shortened: false };
  if (BASE64.test(value.slice(0, 4096))) {
    return {
      text: `${value.slice(0, 48)}… (${value.length.toLocaleString("en-US")} characters of base64)`,
      shortened: true,
    };
  }
  return { text: value, shortened: false };
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === "string") {
    const { text, shortened } = shortenString(value);
    return (
      <span
        className={cn("break-all text-emerald-700 dark:text-emerald-400", shortened && "italic")}
        title={shortened ? "Shortened for display; copy the JSON for the full value." : undefined}
      >
        {shortened ? text : JSON.stringify(text)}
      </span>
    );
  }
  if (typeof value === "number") return <span className="text-sky-700 dark:text-sky-400">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="text-violet-700 dark:text-violet-400">{String(value)}</span>;
  return <span className="text-muted-foreground">null</span>;
}

function Key({ name }: { name: string | number | undefined }) {
  if (name === undefined) return null;
  return (
    <span className="text-foreground/80">{typeof name === "number" ? `${name}: ` : `${JSON.stringify(name)}: `}</span>
  );
}

function JsonNode({
  name,
  value,
  depth,
  openDepth,
}: {
  name?: string | number;
  value: unknown;
  depth: number;
  openDepth: number;
}) {
  const isArray = Array.isArray(value);
  const isObject = typeof value === "object" && value !== null;
  const [open, setOpen] = useState(depth < openDepth);
  const [showAll, setShowAll] = useState(false);
  if (!isObject) {
    return (
      <li className="pl-5">
        <Key name={name} />
        <Primitive value={value} />
      </li>
    );
  }
  const entries: [string | number, unknown][] = isArray
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  const summary = isArray
    ? `[${entries.length} ${entries.length === 1 ? "item" : "items"}]`
    : `{${entries.length} ${entries.length === 1 ? "key" : "keys"}}`;
  const visible = showAll ? entries : entries.slice(0, MAX_CHILDREN);
  return (
    <li>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className={cn(
          "inline-flex max-w-full items-center gap-1 rounded-sm text-left hover:bg-accent",
          "focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
        )}
      >
        <ChevronRight
          className={cn("size-4 shrink-0 text-muted-foreground transition-transform", open && "rotate-90")}
          aria-hidden
        />
        <span className="min-w-0 truncate">
          <Key name={name} />
          <span className="text-muted-foreground">{summary}</span>
        </span>
      </button>
      {open && entries.length ? (
        <ul role="group" className="ml-2 border-l pl-2">
          {visible.map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} depth={depth + 1} openDepth={openDepth} />
          ))}
          {visible.length < entries.length ? (
            <li className="pl-5">
              <button
                type="button"
                className="text-primary underline-offset-4 hover:underline"
                onClick={() => setShowAll(true)}
              >
                Show {entries.length - visible.length} more
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}

/** Pretty, collapsible JSON. Large values open collapsed (one level), small ones open a few levels deep. */
export function JsonView({ value, label, large }: { value: unknown; label: string; large: boolean }) {
  return (
    <ul aria-label={label} className="overflow-x-auto font-mono text-xs leading-6">
      <JsonNode value={value} depth={0} openDepth={large ? 1 : 4} />
    </ul>
  );
}
