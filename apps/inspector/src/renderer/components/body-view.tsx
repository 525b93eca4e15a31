import type { BytesView } from '../../shared/api.js';
import { VisibleText } from './visible-text.js';

/**
 * Exact bytes as text with visible line ends, plus their length and SHA-256.
 *
 * @example
 * <BodyView bytes={request.body} testId="send-request-body" />
 */
export function BodyView({ bytes, testId }: { bytes: BytesView; testId?: string }) {
  return (
    <div>
      <pre className="msg-view" data-testid={testId} style={{ maxHeight: 260, overflow: 'auto' }}>
        <VisibleText text={bytes.text} />
      </pre>
      <div className="diff-head">
        <span>{bytes.byteLength} B</span>
        <span className="hash">sha256 {bytes.sha256}</span>
      </div>
    </div>
  );
}
