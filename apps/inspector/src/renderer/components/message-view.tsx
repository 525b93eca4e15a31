import type { BytesView, MessagePart } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/** Where a signed part also appears, as the backend names it, translated; header names stay as they are. */
const WHERE: Record<string, MessageKey> = { 'request line': 'sign.in.requestLine', 'request body': 'sign.in.requestBody' };
import { base64ToBytes } from '../util/base64-to-bytes.js';
import { VisibleText } from './visible-text.js';

const decoder = new TextDecoder();

/**
 * The signing message exactly as signed, one coloured block per part (method, URL, timestamp, nonce,
 * body), every line end drawn as ␊ — including the final one that integrations forget (protocol.md §7.5).
 * Hovering a part highlights where the same value appears elsewhere.
 *
 * @example
 * <MessageView message={out.message} parts={out.parts} highlight={hl} onHighlight={setHl} />
 */
export function MessageView(props: {
  message: BytesView;
  parts: MessagePart[];
  highlight?: string | null;
  onHighlight?(part: string | null): void;
  testId?: string;
}) {
  const { t } = useI18n();
  const bytes = base64ToBytes(props.message.base64);
  const sorted = [...props.parts].sort((a, b) => a.start - b.start);
  const blocks: Array<{ key: string; part?: MessagePart; text: string }> = [];
  let pos = 0;
  for (const part of sorted) {
    if (part.start > pos) blocks.push({ key: `gap${pos}`, text: decoder.decode(bytes.subarray(pos, part.start)) });
    // A part owns its bytes plus the `\n` that terminates it.
    const end = Math.min(bytes.length, part.end + 1);
    blocks.push({ key: part.part, part, text: decoder.decode(bytes.subarray(part.start, end)) });
    pos = end;
  }
  if (pos < bytes.length) blocks.push({ key: `gap${pos}`, text: decoder.decode(bytes.subarray(pos)) });
  return (
    <pre className="msg-view" data-testid={props.testId ?? 'sign-message'}>
      {blocks.map((b) =>
        b.part ? (
          <span
            key={b.key}
            className={`msg-line part-${b.part.part}${props.highlight === b.part.part ? ' hl' : ''}`}
            data-testid={`msg-part-${b.part.part}`}
            title={`${t(`sign.source.${b.part.part}`)}${b.part.appearsIn.length ? ` → ${b.part.appearsIn.map((where) => (where in WHERE ? t(WHERE[where]!) : where)).join(', ')}` : ''} · ${t('sign.partBytes', { start: b.part.start, end: b.part.end })}`}
            onMouseEnter={() => props.onHighlight?.(b.part?.part ?? null)}
            onMouseLeave={() => props.onHighlight?.(null)}
          >
            <span className="tag">
              {t(`sign.part.${b.part.part}`)} · {b.part.end - b.part.start}B
            </span>
            <VisibleText text={b.text} />
          </span>
        ) : (
          <span key={b.key} className="msg-line">
            <VisibleText text={b.text} />
          </span>
        ),
      )}
    </pre>
  );
}
