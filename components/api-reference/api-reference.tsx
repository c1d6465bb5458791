import Link from "next/link";
import { SectionCard } from "@/components/ui/section-card";
import type { ReferenceTag, TextPiece } from "@/lib/api/v1/reference";
import { BaseUrls } from "./base-urls";
import { MarkdownText } from "./markdown-text";
import { MethodBadge } from "./method-badge";
import { OperationSection } from "./operation-section";

const link = "font-medium underline underline-offset-2";

/**
 * The API page below its header: how to call (base URLs, the token, the document's own notes on limits and
 * errors), a table of contents, then every operation grouped by tag.
 */
export function ApiReference({
  tags,
  notes,
  documentPath,
}: {
  tags: ReferenceTag[];
  /** The document's description, in paragraphs. */
  notes: TextPiece[][];
  documentPath: string;
}) {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <SectionCard title="Calling the API" contentClassName="grid gap-4 text-sm">
        <BaseUrls />
        <p>
          Send <code className="rounded bg-muted px-1 font-mono">Authorization: Bearer $CONSOLE_TOKEN</code> with a
          console token from{" "}
          <Link href="/settings/tokens" className={link}>
            Settings → API tokens
          </Link>
          . The examples read it from the environment; jobs sent with it are in the ledger and the gallery under the
          token&apos;s owner. The machine-readable description is{" "}
          <a href={documentPath} className={link}>
            openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
        {notes.map((pieces, index) => (
          <p key={index} className="text-muted-foreground">
            <MarkdownText pieces={pieces} />
          </p>
        ))}
      </SectionCard>

      <SectionCard title="Contents">
        <nav aria-label="Contents" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {tags.map((tag) => (
            <div key={tag.name} className="grid min-w-0 content-start gap-1.5">
              <a href={`#${tag.anchor}`} className="text-sm font-medium hover:underline">
                {tag.name}
              </a>
              <ul className="grid gap-1">
                {tag.operations.map((operation) => (
                  <li key={operation.anchor}>
                    <a
                      href={`#${operation.anchor}`}
                      className="flex min-w-0 items-center gap-2 text-xs text-muted-foreground hover:text-foreground"
                    >
                      <MethodBadge method={operation.method} />
                      <span className="truncate font-mono">{operation.path}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </SectionCard>

      {tags.map((tag) => (
        <section key={tag.name} aria-labelledby={tag.anchor} className="grid min-w-0 gap-3">
          <div className="grid gap-1">
            <h2 id={tag.anchor} className="scroll-mt-20 text-lg font-semibold">
              {tag.name}
            </h2>
            {tag.description ? <p className="text-sm text-muted-foreground">{tag.description}</p> : null}
          </div>
          {tag.operations.map((operation) => (
            <OperationSection key={operation.anchor} operation={operation} />
          ))}
        </section>
      ))}
    </div>
  );
}
