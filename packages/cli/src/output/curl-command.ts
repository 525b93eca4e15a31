/**
 * A signed request written as a curl command: what `sign --curl` prints, and what `decode --curl`,
 * `verify --curl` and a shell read back.
 */

/** One shell word in single quotes (a `'` inside becomes `'\''`). */
function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The request as a curl command, one part per line with `\` continuations.
 *
 * @example
 * ```ts
 * curlCommand({ method: 'POST', url: 'http://127.0.0.1:8080/v3/…', headers: { Authorization: '…' }, body: '{}' });
 * ```
 */
export function curlCommand(request: { method: string; url: string; headers: Record<string, string>; body: string }): string {
  const parts = [`curl -sS -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  if (request.body !== '') parts.push(`--data-raw ${quote(request.body)}`);
  return `${parts.join(' \\\n  ')}\n`;
}
