import type { ByteDiff } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { EscapedText } from './escaped-text.js';

/**
 * Byte-level diff (core's `diffBytes`) of two signing messages: what the verifier computed from the
 * bytes received, struck through where only it has bytes, against a variant, highlighted where only the
 * variant has bytes. Line ends, CR, tabs and raw bytes are drawn, since they are the usual culprits
 * (protocol.md §7).
 *
 * @example
 * <ByteDiffView diff={variant.diff} />
 */
export function ByteDiffView({ diff }: { diff: ByteDiff }) {
  const { t } = useI18n();
  return (
    <div data-testid="byte-diff">
      <div className="diff-head">
        <span className="del-key">− {t('decode.diffLegend.del')}</span>
        <span className="ins-key">+ {t('decode.diffLegend.ins')}</span>
        <span className="grow" />
        <span data-testid="byte-diff-first">{diff.offset === null ? t('decode.noDiff') : t('decode.firstDiff', { n: diff.offset })}</span>
        <span>
          {diff.leftByteLength} B → {diff.rightByteLength} B
        </span>
      </div>
      <pre className="diff">
        {diff.segments.map((s, i) => (
          <span key={i} className={s.kind === 'same' ? 'same' : s.kind === 'removed' ? 'del' : 'ins'} title={`@${s.offsetA}/${s.offsetB}`}>
            <EscapedText text={s.text} showSpaces={s.kind !== 'same'} />
          </span>
        ))}
      </pre>
    </div>
  );
}
