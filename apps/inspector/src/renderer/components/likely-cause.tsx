import type { Diagnosis } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';

/**
 * The single most likely reason a signature fails (core's `likelyCause`), shown right under the verdict.
 *
 * @example
 * <LikelyCause cause={diagnosis.likelyCause} />
 */
export function LikelyCause({ cause }: { cause: NonNullable<Diagnosis['likelyCause']> }) {
  const { t } = useI18n();
  return (
    <div className="cause" data-testid="likely-cause" data-code={cause.code}>
      <div className="small muted">
        {t('decode.likelyCause')} · <span className="code">{cause.code}</span>
      </div>
      <h3>{cause.title}</h3>
      <p>{cause.explanation}</p>
    </div>
  );
}
