import type { TextPiece } from "@/lib/api/v1/reference";

/** The document's inline Markdown pieces (lib/api/v1/reference.ts `inlinePieces`) as text, code and bold. */
export function MarkdownText({ pieces }: { pieces: TextPiece[] }) {
  return (
    <>
      {pieces.map((piece, index) =>
        piece.kind === "code" ? (
          <code key={index} className="rounded bg-muted px-1 font-mono text-[0.85em] break-words">
            {piece.text}
          </code>
        ) : piece.kind === "strong" ? (
          <strong key={index} className="font-semibold text-foreground">
            {piece.text}
          </strong>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}
