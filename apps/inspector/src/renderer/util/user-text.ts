/**
 * Backend text is written for developers: it may cite the repository's docs/protocol.md by section
 * ("(protocol.md §7 item 4)"), which a user of the inspector does not have: citations are dropped before
 * any backend text is shown.
 *
 * @example
 * userText('a clock off (sync both with NTP, protocol.md §7 item 4).'); // 'a clock off (sync both with NTP).'
 */
export function userText(text: string): string {
  const cite = String.raw`protocol\.md\s*§\s*[\d.]+(?:\s*(?:item|第)\s*\d+\s*条?)?`;
  return text
    .replace(new RegExp(String.raw`\s*[(（]\s*${cite}\s*[)）]`, 'g'), '')
    .replace(new RegExp(String.raw`[,;，；]\s*${cite}`, 'g'), '')
    .replace(new RegExp(cite, 'g'), 'the documentation');
}
