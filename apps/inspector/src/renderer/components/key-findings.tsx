import type { KeyFinding } from '../../shared/api.js';
import { BackendText } from './backend-text.js';

/**
 * The key doctor's findings, worst first, each with its code.
 *
 * @example
 * <KeyFindings findings={report.findings} />
 */
export function KeyFindings({ findings }: { findings: KeyFinding[] }) {
  return (
    <ul className="checks" data-testid="key-findings">
      {findings.map((f, i) => (
        <li key={`${f.code}${i}`} data-level={f.level}>
          <span className={`mark ${f.level === 'ok' ? 'ok' : 'err'}`} style={f.level === 'warn' ? { color: 'var(--warn)' } : undefined}>
            {f.level === 'ok' ? '✓' : f.level === 'warn' ? '!' : '✗'}
          </span>
          <span className="name">{f.code}</span>
          <span className="detail"><BackendText text={f.message} /></span>
        </li>
      ))}
    </ul>
  );
}
