/**
 * The composed body with its `mchid` value replaced (the first `"mchid": "…"` member, nothing else touched:
 * the text is what gets signed, so its spacing and order stay as typed). An empty `mchid`, or a body without
 * an `mchid` member, leaves the text as it is.
 *
 * @example
 * ```ts
 * withMchid('{"mchid": "1", "a": 2}', '1900016681'); // '{"mchid": "1900016681", "a": 2}'
 * ```
 */
export function withMchid(text: string, mchid: string): string {
  if (mchid === '') return text;
  return text.replace(/("mchid"\s*:\s*)"(?:[^"\\]|\\.)*"/, (_match, head: string) => `${head}${JSON.stringify(mchid)}`);
}
