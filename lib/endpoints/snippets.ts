/**
 * Copyable code for calling an endpoint's job gateway (API tab): the console's Novita-compatible gateway with a
 * console token, or Novita's own with the team's key. The same calls either way. Browser-safe.
 */

export type SnippetLanguage = "curl" | "python" | "typescript";

/** The environment variable each snippet reads its key from. */
export type SnippetKey = "CONSOLE_TOKEN" | "NOVITA_API_KEY";

export function apiSnippets(options: {
  jobsBaseUrl: string;
  routeName: string;
  key: SnippetKey;
}): Record<SnippetLanguage, string> {
  const base = `${options.jobsBaseUrl}/${options.routeName}`;
  const retention = options.key === "CONSOLE_TOKEN" ? "kept in the console's ledger" : "kept 6 hours after it finishes";
  return withKey(options.key, {
    curl: `# Send a job
curl -X POST ${base}/run \\
  -H "Authorization: Bearer $NOVITA_API_KEY" \\
  -H 'Content-Type: application/json' \\
  -d '{"input": {"prompt": "a red apple on a table"}}'

# Status and output (${retention})
curl ${base}/status/$JOB_ID -H "Authorization: Bearer $NOVITA_API_KEY"

# Cancel a queued or running job
curl -X POST ${base}/cancel/$JOB_ID -H "Authorization: Bearer $NOVITA_API_KEY"

# Workers and queue
curl ${base}/health -H "Authorization: Bearer $NOVITA_API_KEY"`,
    python: `import os, time, requests

BASE = "${base}"
HEADERS = {"Authorization": f"Bearer {os.environ['NOVITA_API_KEY']}"}

job = requests.post(f"{BASE}/run", json={"input": {"prompt": "a red apple on a table"}}, headers=HEADERS).json()
while True:
    status = requests.get(f"{BASE}/status/{job['id']}", headers=HEADERS).json()
    if status["status"] in ("COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"):
        break
    time.sleep(2)
print(status.get("output") or status.get("error"))

# requests.post(f"{BASE}/cancel/{job['id']}", headers=HEADERS)
# print(requests.get(f"{BASE}/health", headers=HEADERS).json())`,
    typescript: `const BASE = "${base}";
const headers = { Authorization: \`Bearer \${process.env.NOVITA_API_KEY}\`, "Content-Type": "application/json" };

const job = await (await fetch(\`\${BASE}/run\`, {
  method: "POST",
  headers,
  body: JSON.stringify({ input: { prompt: "a red apple on a table" } }),
})).json();

let status;
do {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  status = await (await fetch(\`\${BASE}/status/\${job.id}\`, { headers })).json();
} while (!["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"].includes(status.status));
console.log(status.output ?? status.error);

// await fetch(\`\${BASE}/cancel/\${job.id}\`, { method: "POST", headers });
// console.log(await (await fetch(\`\${BASE}/health\`, { headers })).json());`,
  });
}

/** The snippets are written with $NOVITA_API_KEY; the console's read another variable. */
function withKey(key: SnippetKey, snippets: Record<SnippetLanguage, string>): Record<SnippetLanguage, string> {
  if (key === "NOVITA_API_KEY") return snippets;
  const entries = Object.entries(snippets).map(([language, text]) => [
    language,
    text.replaceAll("NOVITA_API_KEY", key),
  ]);
  return Object.fromEntries(entries) as Record<SnippetLanguage, string>;
}
