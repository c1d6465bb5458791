"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";

/** Copies `text`; the accessible name says what (e.g. "Copy route name"). */
export function CopyButton({ text, label, size = "icon" }: { text: string; label: string; size?: "icon" | "sm" }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      toast.success("Copied to the clipboard.");
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("The browser refused the clipboard. Select the text and copy it by hand.");
    }
  };
  const Icon = copied ? Check : Copy;
  return (
    <Button
      type="button"
      variant="ghost"
      size={size}
      aria-label={label}
      title={label}
      onClick={() => void copy()}
      className={size === "icon" ? "size-7" : undefined}
    >
      <Icon className="size-3.5" aria-hidden />
      {size === "sm" ? (copied ? "Copied" : "Copy") : null}
    </Button>
  );
}
