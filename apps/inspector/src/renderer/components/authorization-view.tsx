import { Fragment } from 'react';

// Authorization parameter → message part it mirrors (protocol.md §3).
const PART_OF: Record<string, string> = {
  mchid: 'mchid',
  nonce_str: 'nonce',
  timestamp: 'timestamp',
  serial_no: 'serial',
  signature: 'signature',
};

/**
 * The Authorization header split into scheme and `key="value"` pairs, each coloured like its source,
 * so a hover shows which part of the message (or which key) it came from.
 *
 * @example
 * <AuthorizationView value={out.authorization} highlight={hl} onHighlight={setHl} />
 */
export function AuthorizationView(props: { value: string; highlight?: string | null; onHighlight?(part: string | null): void }) {
  const space = props.value.indexOf(' ');
  const scheme = space < 0 ? props.value : props.value.slice(0, space);
  const rest = space < 0 ? '' : props.value.slice(space + 1);
  const pairs = rest.split(',');
  const hover = (part: string | null) => props.onHighlight?.(part);
  return (
    <div className="auth-header" data-testid="sign-authorization">
      <span data-part="scheme" className="part-scheme">
        {scheme}
      </span>{' '}
      {pairs.map((pair, i) => {
        const eq = pair.indexOf('=');
        const name = eq < 0 ? pair : pair.slice(0, eq);
        const part = PART_OF[name] ?? 'other';
        return (
          <Fragment key={`${name}${i}`}>
            {i > 0 ? ',' : ''}
            <span
              data-part={part}
              data-testid={`auth-${name}`}
              className={`part-${part}${props.highlight === part ? ' hl' : ''}`}
              onMouseEnter={() => hover(part)}
              onMouseLeave={() => hover(null)}
            >
              {pair}
            </span>
          </Fragment>
        );
      })}
    </div>
  );
}
