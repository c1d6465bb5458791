"use client";

import * as React from "react";

import { cn } from "@/lib/utils/cn";

/**
 * Tabs as Radix's Tabs behave (horizontal, automatic activation), without Radix: its roving focus, collection and
 * presence machinery (~9 kB gzip) came with every page that shows a tab list. The same props (`value` /
 * `defaultValue` / `onValueChange` on `Tabs`, `value` on `TabsTrigger` and `TabsContent`) and the same DOM: a
 * `tablist` of `tab` buttons with `aria-selected`, `aria-controls` and `data-state="active" | "inactive"`, one
 * arrow-key stop (the selected tab; ←/→ move and select, Home/End), and the selected `tabpanel` only.
 */
interface TabsContextValue {
  baseId: string;
  value: string | undefined;
  select: (value: string) => void;
}

const TabsContext = React.createContext<TabsContextValue | null>(null);

function useTabsContext(part: string): TabsContextValue {
  const context = React.useContext(TabsContext);
  if (!context) throw new Error(`<${part}> must be inside <Tabs>`);
  return context;
}

const idPart = (value: string) => value.replace(/\s+/g, "-");

function Tabs({
  className,
  value: controlled,
  defaultValue,
  onValueChange,
  ...props
}: Omit<React.ComponentProps<"div">, "defaultValue" | "dir"> & {
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
}) {
  const baseId = React.useId();
  const [uncontrolled, setUncontrolled] = React.useState(defaultValue);
  const value = controlled ?? uncontrolled;
  const context = React.useMemo<TabsContextValue>(
    () => ({
      baseId,
      value,
      select: (next) => {
        if (next === value) return;
        if (controlled === undefined) setUncontrolled(next);
        onValueChange?.(next);
      },
    }),
    [baseId, value, controlled, onValueChange],
  );
  return (
    <TabsContext.Provider value={context}>
      <div data-slot="tabs" data-orientation="horizontal" className={cn("flex flex-col gap-2", className)} {...props} />
    </TabsContext.Provider>
  );
}

function TabsList({ className, onKeyDown, ...props }: React.ComponentProps<"div">) {
  const keyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.target === event.currentTarget) return;
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    const tabs = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]:not([disabled])'));
    const current = tabs.indexOf(event.target as HTMLButtonElement);
    if (current < 0 || tabs.length === 0) return;
    event.preventDefault();
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? tabs.length - 1
          : (current + (event.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
    // Focusing a tab selects it (automatic activation).
    tabs[next]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-orientation="horizontal"
      data-slot="tabs-list"
      data-orientation="horizontal"
      className={cn(
        "inline-flex h-9 w-fit items-center justify-center rounded-lg bg-muted p-[3px] text-muted-foreground",
        className,
      )}
      onKeyDown={keyDown}
      {...props}
    />
  );
}

function TabsTrigger({
  className,
  value,
  disabled,
  onMouseDown,
  onKeyDown,
  onFocus,
  ...props
}: Omit<React.ComponentProps<"button">, "value"> & { value: string }) {
  const context = useTabsContext("TabsTrigger");
  const selected = context.value === value;
  return (
    <button
      type="button"
      role="tab"
      id={`${context.baseId}-trigger-${idPart(value)}`}
      aria-selected={selected}
      aria-controls={`${context.baseId}-content-${idPart(value)}`}
      data-state={selected ? "active" : "inactive"}
      data-disabled={disabled ? "" : undefined}
      data-orientation="horizontal"
      data-slot="tabs-trigger"
      disabled={disabled}
      tabIndex={selected ? 0 : -1}
      onMouseDown={(event) => {
        onMouseDown?.(event);
        // As Radix: a primary press without Ctrl selects (and focuses); anything else leaves the focus where it is.
        if (event.defaultPrevented) return;
        if (!disabled && event.button === 0 && !event.ctrlKey) context.select(value);
        else event.preventDefault();
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (!event.defaultPrevented && (event.key === "Enter" || event.key === " ")) context.select(value);
      }}
      onFocus={(event) => {
        onFocus?.(event);
        if (!disabled) context.select(value);
      }}
      className={cn(
        "inline-flex h-[calc(100%-1px)] flex-1 items-center justify-center gap-1.5",
        "rounded-md border border-transparent px-2.5 py-1 text-sm font-medium whitespace-nowrap text-muted-foreground",
        "transition-[color,box-shadow] hover:text-foreground",
        "data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-sm",
        "dark:data-[state=active]:border-input dark:data-[state=active]:bg-input/30",
        "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
        "disabled:pointer-events-none disabled:opacity-50",
        "[&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
        className,
      )}
      {...props}
    />
  );
}

/** The selected tab's panel; the others are not rendered. */
function TabsContent({ className, value, ...props }: Omit<React.ComponentProps<"div">, "value"> & { value: string }) {
  const context = useTabsContext("TabsContent");
  if (context.value !== value) return null;
  return (
    <div
      role="tabpanel"
      id={`${context.baseId}-content-${idPart(value)}`}
      aria-labelledby={`${context.baseId}-trigger-${idPart(value)}`}
      data-state="active"
      data-orientation="horizontal"
      data-slot="tabs-content"
      tabIndex={0}
      className={cn("flex-1 rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50", className)}
      {...props}
    />
  );
}

export { Tabs, TabsContent, TabsList, TabsTrigger };
