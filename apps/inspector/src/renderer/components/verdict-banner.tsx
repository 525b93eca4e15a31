import type { ReactNode } from 'react';
import { BackendText } from './backend-text.js';

/**
 * A verdict across the top of a result: green when it holds, red when it does not, amber when it is
 * something in between (e.g. a 2xx whose answer signature failed).
 *
 * @example
 * <VerdictBanner level="ok" title="Accepted" detail="200 · verified with PUB_KEY_ID_…" testId="send-verdict" kind="accepted" />
 */
export function VerdictBanner(props: { level: 'ok' | 'err' | 'warn'; title: ReactNode; detail?: ReactNode; code?: string; testId: string; kind?: string }) {
  return (
    <div className={`verdict ${props.level}`} data-testid={props.testId} data-kind={props.kind} data-code={props.code}>
      <span>{props.level === 'ok' ? '✓' : props.level === 'warn' ? '!' : '✗'}</span>
      <span>{props.title}</span>
      {props.code ? <code className="pill err">{props.code}</code> : null}
      {props.detail ? <span className="detail">{typeof props.detail === 'string' ? <BackendText text={props.detail} /> : props.detail}</span> : null}
    </div>
  );
}
