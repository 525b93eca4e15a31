// WeChat Pay names the field of a PARAM_ERROR as a JSON Pointer (RFC 6901), such as `/mchid`
// (docs/protocol.md, "Fidelity"). The receiver's answers do the same, written by this one function.

/**
 * The JSON Pointer (RFC 6901) of a path into the body: `''` for the body itself, `~` written `~0` and `/`
 * written `~1` inside a segment.
 *
 * @example
 * ```ts
 * jsonPointer(['mchid']); // '/mchid'
 * jsonPointer(['a/b~c', 'list', 1]); // '/a~1b~0c/list/1'
 * ```
 */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
