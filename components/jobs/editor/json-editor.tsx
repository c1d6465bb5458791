"use client";

import { json } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import CodeMirror, { EditorView } from "@uiw/react-codemirror";
import { useTheme } from "next-themes";
import { useMemo } from "react";
import { cn } from "@/lib/utils/cn";
import { parseJsonText } from "./json-text";

/** Marks the first syntax error with its line and column (big documents are parsed once per pause in typing). */
const jsonSyntaxLinter = linter(
  (view): Diagnostic[] => {
    const text = view.state.doc.toString();
    if (!text.trim()) return [];
    const parsed = parseJsonText(text);
    if (parsed.ok) return [];
    const from = Math.min(parsed.position, view.state.doc.length);
    return [
      {
        from,
        to: Math.min(from + 1, view.state.doc.length),
        severity: "error",
        message: `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
      },
    ];
  },
  { delay: 300 },
);

const baseTheme = EditorView.theme({
  "&": { fontSize: "13px" },
  ".cm-scroller": { fontFamily: "var(--font-mono, ui-monospace, SFMono-Regular, Menlo, monospace)" },
  "&.cm-focused": { outline: "none" },
});

/** CodeMirror with JSON highlighting and lint; the editable area carries `label` as its accessible name. */
export function JsonEditor({
  value,
  onChange,
  label,
  describedBy,
  invalid,
  className,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  describedBy?: string;
  invalid?: boolean;
  className?: string;
}) {
  const { resolvedTheme } = useTheme();
  const extensions = useMemo(
    () => [
      json(),
      jsonSyntaxLinter,
      lintGutter(),
      baseTheme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        "aria-label": label,
        "aria-multiline": "true",
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
      }),
    ],
    [label, describedBy, invalid],
  );
  return (
    <div
      className={cn(
        "overflow-hidden rounded-md border border-input shadow-xs",
        "focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50",
        invalid && "border-destructive",
        className,
      )}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={resolvedTheme === "dark" ? "dark" : "light"}
        // The wrapper fills the framed box, so the editor's own background reaches its bottom edge.
        className="h-full"
        height="100%"
        minHeight="16rem"
        maxHeight="32rem"
        basicSetup={{ foldGutter: true, highlightActiveLine: true, autocompletion: false }}
      />
    </div>
  );
}
