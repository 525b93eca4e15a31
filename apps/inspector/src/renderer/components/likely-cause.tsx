import type { Diagnosis } from '../../shared/api.js';
import { useI18n } from '../i18n/use-i18n.js';
import { BackendText } from './backend-text.js';

/**
 * The single most likely reason a signature fails (core's `likelyCause`), shown right under the verdict.
 * In Chinese the title and explanation come from the code; the backend's English explanation stays
 * one click away because it carries the specifics.
 *
 * @example
 * <LikelyCause cause={diagnosis.likelyCause} />
 */
export function LikelyCause({ cause }: { cause: NonNullable<Diagnosis['likelyCause']> }) {
  const { t, backend } = useI18n();
  const title = backend('causeTitle', cause.code, cause.title);
  const explanation = backend('causeExplanation', cause.code, cause.explanation);
  return (
    <div className="cause" data-testid="likely-cause" data-code={cause.code}>
      <div className="small muted">
        {t('decode.likelyCause')} · <span className="code">{cause.code}</span>
      </div>
      <h3 data-testid="likely-cause-title">{title}</h3>
      <p>{explanation}</p>
      {/* The backend's text names the exact values (seconds of skew, the key that verifies): keep it at hand. */}
      {explanation !== cause.explanation ? (
        <details className="small muted">
          <summary>{t('decode.backendOriginal')}</summary>
          <p lang="en"><BackendText text={cause.explanation} /></p>
        </details>
      ) : null}
    </div>
  );
}
