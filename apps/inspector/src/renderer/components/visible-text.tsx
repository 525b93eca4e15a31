import { Fragment, type ReactNode } from 'react';
import { visibleChar } from '../util/visible-char.js';

/**
 * Renders text with its invisible characters drawn: `␊` before every line break, `␍` for a carriage
 * return, `⇥` for a tab.
 *
 * @example
 * <VisibleText text={'POST\n/v3/...\n'} />
 */
export function VisibleText({ text }: { text: string }) {
  const out: ReactNode[] = [];
  let plain = '';
  let i = 0;
  for (const ch of text) {
    const v = visibleChar(ch);
    if (!v) {
      plain += ch;
      continue;
    }
    if (plain) out.push(<Fragment key={`t${i++}`}>{plain}</Fragment>);
    plain = '';
    out.push(
      <span key={`c${i++}`} className={v.cls}>
        {v.glyph}
      </span>,
    );
    if (v.newline) out.push(<Fragment key={`n${i++}`}>{'\n'}</Fragment>);
  }
  if (plain) out.push(<Fragment key={`t${i}`}>{plain}</Fragment>);
  return <>{out}</>;
}
