const encoder = new TextEncoder();

/**
 * UTF-8 byte length of a string: the remote system counts field limits in bytes (protocol.md §1).
 *
 * @example
 * utf8Length('审核'); // 6
 */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}
