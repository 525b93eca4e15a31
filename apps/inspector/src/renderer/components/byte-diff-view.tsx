import { useI18n } from '../i18n/use-i18n.js';
import { diffTokens } from '../util/diff-tokens.js';
import { utf8Length } from '../util/utf8.js';
import { VisibleText } from './visible-text.js';

/**
 * Byte-level diff of two signing messages: what the verifier computed from the bytes received (struck
 * through where only it has bytes) against a variant (highlighted where only the variant has bytes).
 * Line ends, CR and tabs are drawn, since they are the usual culprits (protocol.md §7).
 *
 * @example
 * <ByteDiffView computed={diagnosis.message.text} variant={v.message.text} variantName={v.name} />
 */
export function ByteDiffView(props: { computed: string; variant: string; variantName: string }) {
  const { t } = useI18n();
  const runs = diffTokens(props.computed, props.variant);
  let offset = 0;
  let first: number | null = null;
  for (const run of runs) {
    if (run.op !== 'same') {
      first = offset;
      break;
    }
    offset += utf8Length(run.text);
  }
  return (
    <div data-testid="byte-diff">
      <div className="diff-head">
        <span className="del-key">− {t('decode.diffLegend.del')}</span>
        <span className="ins-key">+ {t('decode.diffLegend.ins')}</span>
        <span className="grow" />
        <span data-testid="byte-diff-first">{first === null ? t('decode.noDiff') : t('decode.firstDiff', { n: first })}</span>
        <span>
          {utf8Length(props.computed)} B → {utf8Length(props.variant)} B
        </span>
      </div>
      <pre className="diff">
        {runs.map((run, i) => (
          <span key={i} className={run.op}>
            <VisibleText text={run.op === 'same' ? run.text : run.text.replaceAll(' ', '·')} />
          </span>
        ))}
      </pre>
    </div>
  );
}
