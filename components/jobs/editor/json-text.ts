/** Parsing and measuring the editor's text. Browser-safe, no React. */
import { formatBytes } from "@/lib/format/bytes";
import { jobRequestBytes, MAX_JOB_REQUEST_BYTES } from "@/lib/jobs/status";

export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; message: string; /** 0-based offset into the text */ position: number; line: number; column: number };

/** Line and column (1-based) of an offset. */
export function lineColumnAt(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** The offset a JSON.parse error points at: engines say "at position N" and/or "(line L column C)". */
function errorPosition(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position?.[1]) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn?.[1] && lineColumn[2]) {
    const lines = text.split("\n");
    const line = Math.min(Number(lineColumn[1]), lines.length);
    let offset = 0;
    for (let index = 0; index < line - 1; index++) offset += (lines[index]?.length ?? 0) + 1;
    return offset + Number(lineColumn[2]) - 1;
  }
  return text.length;
}

/** The message without the engine's own position suffix (we say line and column ourselves). */
function cleanMessage(message: string): string {
  return (
    message
      .replace(/\s*\(line \d+ column \d+\)/, "")
      .replace(/\s*in JSON at position \d+/, "")
      .replace(/^JSON\.parse:\s*/, "")
      .replace(/ of the JSON data$/, "")
      .replace(/^Unexpected end of JSON input$/, "Unexpected end of input")
      .trim() || "Invalid JSON"
  );
}

/** The editor's text as JSON, or where and why it does not parse. */
export function parseJsonText(text: string): ParsedJson {
  if (!text.trim())
    return { ok: false, message: "The input is empty: enter a JSON value, e.g. {}", position: 0, line: 1, column: 1 };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = errorPosition(text, raw);
    return { ok: false, message: cleanMessage(raw), position, ...lineColumnAt(text, position) };
  }
}

/** "Line 3, column 5: Expected ',' …" */
export function describeParseError(parsed: Extract<ParsedJson, { ok: false }>): string {
  return `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}`;
}

export type SizeLevel = "ok" | "near" | "over";
export const NEAR_LIMIT_RATIO = 0.8;

export interface RequestSize {
  bytes: number;
  limit: number;
  level: SizeLevel;
}

/** Size of `{"input": value}` against Novita's 4 MiB limit; amber from 80 %. */
export function measureRequest(value: unknown): RequestSize {
  const bytes = jobRequestBytes(value);
  const level: SizeLevel =
    bytes > MAX_JOB_REQUEST_BYTES ? "over" : bytes >= MAX_JOB_REQUEST_BYTES * NEAR_LIMIT_RATIO ? "near" : "ok";
  return { bytes, limit: MAX_JOB_REQUEST_BYTES, level };
}

/** Size of raw text when it does not parse: the request would be at least this big. */
export function measureText(text: string): RequestSize {
  const bytes = new TextEncoder().encode(text).length + '{"input":}'.length;
  const level: SizeLevel =
    bytes > MAX_JOB_REQUEST_BYTES ? "over" : bytes >= MAX_JOB_REQUEST_BYTES * NEAR_LIMIT_RATIO ? "near" : "ok";
  return { bytes, limit: MAX_JOB_REQUEST_BYTES, level };
}

/** Why a request over Novita's limit cannot be sent, and what to do about it. */
export function tooLargeReason(size: RequestSize): string {
  return (
    `The request is ${formatBytes(size.bytes)}; Novita accepts at most ${formatBytes(size.limit)} per job. ` +
    "Make the input smaller — for example, pass images as URLs instead of base64."
  );
}
