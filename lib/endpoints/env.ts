/** Environment variables of an endpoint: names, duplicates, `.env` paste, which values are secrets. Browser-safe. */

export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names whose values are masked for everyone (revealed with a toggle). */
export function isSecretName(name: string): boolean {
  return /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIAL|AUTH)/i.test(name);
}

export interface EnvRow {
  key: string;
  value: string;
}

/** Rows with a bad name or a repeated one; blank rows are ignored (the editor keeps an empty row to type in). */
export function findEnvProblems(rows: EnvRow[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  const firstIndex = new Map<string, number>();
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (key === "" && row.value === "") return;
    if (key === "") return problems.push({ index, message: "Enter a name for this value." });
    if (!ENV_NAME_PATTERN.test(key)) {
      return problems.push({
        index,
        message: `"${key}" is not a valid name: use letters, digits and _, not starting with a digit.`,
      });
    }
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) return problems.push({ index, message: `${key} is already set in row ${earlier + 1}.` });
    firstIndex.set(key, index);
  });
  return problems;
}

/**
 * Reads a pasted `.env` block: `KEY=value`, optional `export `, quotes ('…' literal, "…" with \n \" \\ escapes),
 * `#` comments and blank lines. Lines without `=` are reported, not guessed.
 */
export function parseDotEnv(text: string): { rows: EnvRow[]; skipped: string[] } {
  const rows: EnvRow[] = [];
  const skipped: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const withoutExport = line.replace(/^export\s+/, "");
    const equals = withoutExport.indexOf("=");
    if (equals <= 0) {
      skipped.push(rawLine);
      continue;
    }
    const key = withoutExport.slice(0, equals).trim();
    rows.push({ key, value: unquote(withoutExport.slice(equals + 1).trim()) });
  }
  return { rows, skipped };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(n|"|\\)/g, (_, escaped: string) => (escaped === "n" ? "\n" : escaped));
  }
  // An unquoted value ends at an inline comment.
  const comment = value.search(/\s#/);
  return comment >= 0 ? value.slice(0, comment).trimEnd() : value;
}

/** Pasted rows replace existing rows of the same name and are added after the others. */
export function mergeEnvRows(existing: EnvRow[], pasted: EnvRow[]): EnvRow[] {
  const pastedNames = new Set(pasted.map((row) => row.key));
  const kept = existing.filter((row) => !(row.key === "" && row.value === "") && !pastedNames.has(row.key));
  return [...kept, ...pasted];
}

/** The object-storage variables the ComfyUI worker reads to upload outputs and return URLs. */
export const OBJECT_STORAGE_PRESET: EnvRow[] = [
  { key: "BUCKET_ENDPOINT_URL", value: "https://s3.<aws-region>.amazonaws.com" },
  { key: "BUCKET_ACCESS_KEY_ID", value: "" },
  { key: "BUCKET_SECRET_ACCESS_KEY", value: "" },
  { key: "BUCKET_NAME", value: "" },
];
