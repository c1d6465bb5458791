"use client";

import { ChevronDownIcon } from "lucide-react";
import * as React from "react";
import type { Select as SelectPrimitive } from "radix-ui";

import { cn } from "@/lib/utils/cn";
import { SELECT_TRIGGER_CLASSES } from "./select-styles";

/**
 * The console's select, with Radix Select (and its popper, focus scope, dismissable layer and scroll lock: ~36 kB
 * gzip) downloaded on the first use of a select rather than with every page that shows one
 * (components/ui/select-radix.tsx). Same components, same props. Until then the trigger is a plain button with
 * Radix's look and ARIA (`role="combobox"`, `aria-expanded`, `data-state`, `data-placeholder`) showing the chosen
 * item's text, found among the `SelectItem`s written inside `<Select>`; the press Radix reacts to (a primary mouse
 * press, a tap, Enter, Space, ↑ or ↓) loads Radix, which then renders in its place, open. Pointing at or focusing
 * the trigger starts the download.
 */
type RadixSelect = typeof import("./select-radix");

let radix: Promise<RadixSelect> | undefined;

function loadRadix(): Promise<RadixSelect> {
  if (!radix) {
    radix = import("./select-radix");
    // A failed download is tried again on the next press.
    radix.catch(() => (radix = undefined));
  }
  return radix;
}

type Placeholder = {
  live: null;
  /** The chosen item's text; undefined when no item has the value. */
  label: React.ReactNode;
  hasValue: boolean;
  disabled: boolean;
  open: () => void;
};
type SelectContextValue = { live: RadixSelect } | Placeholder;

const SelectContext = React.createContext<SelectContextValue | null>(null);

function useSelectContext(part: string): SelectContextValue {
  const context = React.useContext(SelectContext);
  if (!context) throw new Error(`<${part}> must be inside <Select>`);
  return context;
}

function SelectItem(props: React.ComponentProps<typeof SelectPrimitive.Item>) {
  const context = useSelectContext("SelectItem");
  return context.live ? <context.live.SelectItem {...props} /> : null;
}

/** The children of the `SelectItem` with `value` anywhere in `node` (as Radix's SelectValue shows them). */
function itemLabel(node: React.ReactNode, value: string): React.ReactNode | undefined {
  let found: React.ReactNode | undefined;
  React.Children.forEach(node, (child) => {
    if (found !== undefined || !React.isValidElement(child)) return;
    const props = child.props as { value?: unknown; children?: React.ReactNode };
    if (child.type === SelectItem) {
      if (props.value === value) found = props.children ?? null;
    } else if (props.children !== undefined) {
      found = itemLabel(props.children, value);
    }
  });
  return found;
}

function Select({ children, ...props }: React.ComponentProps<typeof SelectPrimitive.Root>) {
  const [live, setLive] = React.useState<RadixSelect | null>(null);
  const value = props.value ?? props.defaultValue;
  const disabled = Boolean(props.disabled);

  if (live) {
    return (
      <SelectContext.Provider value={{ live }}>
        <live.Select defaultOpen {...props}>
          {children}
        </live.Select>
      </SelectContext.Provider>
    );
  }
  const placeholder: Placeholder = {
    live: null,
    label: value ? itemLabel(children, value) : undefined,
    hasValue: Boolean(value),
    disabled,
    open: () => {
      if (disabled) return;
      void loadRadix().then(setLive, () => undefined);
    },
  };
  return <SelectContext.Provider value={placeholder}>{children}</SelectContext.Provider>;
}

function SelectTrigger({
  className,
  size = "default",
  children,
  ...props
}: React.ComponentProps<typeof SelectPrimitive.Trigger> & { size?: "sm" | "default" }) {
  const context = useSelectContext("SelectTrigger");
  const pointerType = React.useRef("");
  // As Radix's trigger, which names its list before the list exists.
  const listId = React.useId();
  if (context.live) {
    return (
      <context.live.SelectTrigger className={className} size={size} {...props}>
        {children}
      </context.live.SelectTrigger>
    );
  }
  const { open, disabled, hasValue } = context;
  const warm = () => void loadRadix().catch(() => undefined);
  return (
    <button
      type="button"
      role="combobox"
      aria-controls={listId}
      aria-expanded={false}
      aria-autocomplete="none"
      data-state="closed"
      disabled={disabled}
      data-disabled={disabled ? "" : undefined}
      data-placeholder={hasValue ? undefined : ""}
      data-slot="select-trigger"
      data-size={size}
      className={cn(SELECT_TRIGGER_CLASSES, className)}
      {...props}
      onPointerEnter={(event) => {
        props.onPointerEnter?.(event);
        warm();
      }}
      onFocus={(event) => {
        props.onFocus?.(event);
        warm();
      }}
      onPointerDown={(event) => {
        props.onPointerDown?.(event);
        pointerType.current = event.pointerType;
        // As Radix's trigger: a primary mouse press opens (and keeps the focus off the trigger); a tap opens on click.
        if (event.pointerType !== "mouse" || event.button !== 0 || event.ctrlKey) return;
        event.preventDefault();
        open();
      }}
      onClick={(event) => {
        props.onClick?.(event);
        if (pointerType.current && pointerType.current !== "mouse") open();
      }}
      onKeyDown={(event) => {
        props.onKeyDown?.(event);
        if (![" ", "Enter", "ArrowUp", "ArrowDown"].includes(event.key)) return;
        event.preventDefault();
        open();
      }}
    >
      {children}
      <ChevronDownIcon className="size-4 opacity-50" aria-hidden="true" />
    </button>
  );
}

function SelectValue({ placeholder, ...props }: React.ComponentProps<typeof SelectPrimitive.Value>) {
  const context = useSelectContext("SelectValue");
  if (context.live) return <context.live.SelectValue placeholder={placeholder} {...props} />;
  return (
    <span data-slot="select-value" style={{ pointerEvents: "none" }} className={props.className}>
      {context.hasValue ? context.label : placeholder}
    </span>
  );
}

/** Parts of the open list: rendered by Radix only, so nothing until the select has been opened once. */
function livePart<Part extends "SelectContent" | "SelectGroup" | "SelectLabel" | "SelectSeparator">(part: Part) {
  function LivePart(props: React.ComponentProps<RadixSelect[Part]>) {
    const context = useSelectContext(part);
    if (!context.live) return null;
    const Component = context.live[part] as React.ComponentType<React.ComponentProps<RadixSelect[Part]>>;
    return <Component {...props} />;
  }
  LivePart.displayName = part;
  return LivePart;
}

const SelectContent = livePart("SelectContent");
const SelectGroup = livePart("SelectGroup");
const SelectLabel = livePart("SelectLabel");
const SelectSeparator = livePart("SelectSeparator");

export { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectSeparator, SelectTrigger, SelectValue };
