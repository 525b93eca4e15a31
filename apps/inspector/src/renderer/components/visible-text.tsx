import { Fragment, type ReactNode } from 'react';
import { visibleChar } from '../util/visible-char.js';
import { ControlPicture } from './control-picture.js';

/**
 * Renders text with its invisible characters drawn: ␊ before every line break, ␍ for a carriage
 * return, ␉ for a tab, `\xHH` for other control bytes.
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
    if (plain) out.push(<Fragment key={i++}>{plain}</Fragment>);
    plain = '';
    if ('raw' in v) {
      out.push(
        <span key={i++} className="eol cr">
          {v.raw}
        </span>,
      );
      continue;
    }
    out.push(<ControlPicture key={i++} code={v.picture} />);
    if (v.newline) out.push(<Fragment key={i++}>{'\n'}</Fragment>);
  }
  if (plain) out.push(<Fragment key={i}>{plain}</Fragment>);
  return <>{out}</>;
}
