/**
 * The words of a job's input, for "search inside the input": its string values, lower-cased, without long blobs
 * (base64 images, data URLs), capped. Scanning this short text stays fast at 100k jobs where casting every
 * input's JSON to text did not (see bench/ledger.ts).
 */
const MAX_VALUE_LENGTH = 500;
const MAX_TEXT_LENGTH = 4_000;

export function inputSearchText(input: unknown): string {
  const words: string[] = [];
  let length = 0;
  const visit = (value: unknown) => {
    if (length >= MAX_TEXT_LENGTH) return;
    if (typeof value === "string") {
      if (value.length > MAX_VALUE_LENGTH || value.startsWith("data:")) return;
      words.push(value);
      length += value.length + 1;
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(input);
  return words.join(" ").toLowerCase().slice(0, MAX_TEXT_LENGTH);
}

const MAX_QUERY_WORDS = 8;

/**
 * A search box text as a `to_tsquery('simple', …)` text: its words (letters and digits only, so nothing of
 * tsquery's syntax gets through), each as a word prefix, all required. Null when it has no word at all.
 */
export function searchWordsQuery(search: string): string | null {
  const words =
    search
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, MAX_QUERY_WORDS) ?? [];
  return words.length ? words.map((word) => `${word}:*`).join(" & ") : null;
}
