/**
 * The fixed corpus of bad inputs, the same for every door: wrong types, a body of 4 MiB + 1, nesting 10,000 deep,
 * prototype keys, NUL and control characters, lone surrogates, huge and odd numbers, React reply markers, and ids
 * that look like path traversal or SQL. Values are JSON texts (built as text: `__proto__` stays an own key, and the
 * deep nesting never goes through a recursive serialiser).
 */
export const FOUR_MIB_PLUS_ONE = 4 * 1024 * 1024 + 1;
const DEEP = 10_000;

/** Strings that mean something to a path, a query, SQL, a template or React's reply decoder. */
export const NASTY_STRINGS: string[] = [
  "",
  " ",
  "../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "..\\..\\windows\\win.ini",
  "1' OR '1'='1",
  "'; DROP TABLE users; --",
  "1; SELECT pg_sleep(5)",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u0007\b\t\n\v\f\r\u001b\u001f\u007f",
  "\ud800",
  "\udfff",
  "x\ud83dy",
  "😀𝄞ü€\u202e\u200b\ufeff",
  "__proto__",
  "constructor",
  "prototype",
  "$@0",
  "$K1",
  "$Q1",
  "$T",
  "$h0",
  "$F1",
  "$n123",
  "$D2020",
  "$Infinity",
  "$undefined",
  "$0",
  "$0:0",
  "$0:__proto__",
  "$1:a:b",
  "$",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e308",
  "99999999999999999999999999999",
  "-9223372036854775809",
  "0x7fffffff",
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "%00",
  "%ff%fe",
  "%",
  "x".repeat(10_000),
];

const json = (value: unknown) => JSON.stringify(value);

/** encodeURIComponent, but a lone surrogate becomes its WTF-8 bytes instead of a throw. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return Array.from(Buffer.from(value, "utf8"))
      .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
      .join("");
  }
}

/** JSON texts of values a schema should refuse wherever it expects something else. */
export const NASTY_VALUES: string[] = [
  "null",
  "true",
  "false",
  "0",
  "-0",
  "-1",
  "1e308",
  "-1e308",
  "5e-324",
  "9007199254740993",
  "123456789012345678901234567890",
  "[]",
  "[[]]",
  "{}",
  "[{}]",
  '{"__proto__":{"admin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '{"__proto__":null,"constructor":null,"toString":1,"valueOf":"x","hasOwnProperty":[]}',
  ...NASTY_STRINGS.map(json),
  json(["../../etc/passwd", "1' OR '1'='1"]),
  json({ id: "../../etc/passwd", ids: ["1' OR '1'='1"], role: "root", email: "a@b", name: "\u0000" }),
  json(Object.fromEntries(Array.from({ length: 2_000 }, (_, index) => [`k${index}`, index]))),
  json(Array.from({ length: 5_000 }, (_, index) => index)),
];

/** Bodies too big or too deep to build as values. */
export const HUGE_TEXTS: { label: string; text: string }[] = [
  { label: "4 MiB + 1 string", text: json("a".repeat(FOUR_MIB_PLUS_ONE - 2)) },
  { label: "nesting 10,000 deep (arrays)", text: "[".repeat(DEEP) + "]".repeat(DEEP) },
  { label: "nesting 10,000 deep (objects)", text: '{"a":'.repeat(DEEP) + "1" + "}".repeat(DEEP) },
];

/** Texts that are not JSON at all. */
export const BROKEN_TEXTS: string[] = [
  "",
  "{",
  "[",
  '{"a":',
  "nul",
  "undefined",
  "\u0000\u0001",
  "\ud800",
  "'x'",
  ",",
  "]",
];

/** Ids for dynamic path segments (`[id]`, `[route]`, `[...rest]`), raw or percent-encoded. */
export const NASTY_IDS: string[] = [
  ...NASTY_STRINGS.filter((value) => value.length < 5_000).map(encode),
  "../../etc/passwd",
  "..",
  ".",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%00",
  "%ff",
  "%",
  "%%",
  "1%27%20OR%20%271%27%3D%271",
  "99999999999999999999999999",
  "-1",
  "0",
  encode("x".repeat(4_000)),
];
