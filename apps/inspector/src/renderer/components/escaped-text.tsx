import { Fragment, type ReactNode } from 'react';
import { ControlPicture } from './control-picture.js';

const ESCAPE = /\\(n|r|t|\\|x[0-9a-fA-F]{2})/g;

/**
 * Renders core's escaped byte text (`escapeBytes`: `\n`, `\r`, `\t`, `\\`, `\xHH`, UTF-8 as itself) with the
 * same pictures as the message views: ␊ plus a line break, ␍ in red, ␉, and raw bytes in red. With
 * `showSpaces`, spaces become `·` so an added or removed space can be seen.
 *
 * @example
 * <EscapedText text={'POST\\n/v3/…\\n'} />
 */
export function EscapedText({ text, showSpaces }: { text: string; showSpaces?: boolean }) {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  const plain = (s: string) => (showSpaces ? s.replaceAll(' ', '·') : s);
  for (const m of text.matchAll(ESCAPE)) {
    if (m.index > last) out.push(<Fragment key={key++}>{plain(text.slice(last, m.index))}</Fragment>);
    const code = m[1] as string;
    if (code === 'n') {
      out.push(<ControlPicture key={key++} code="LF" />);
      out.push(<Fragment key={key++}>{'\n'}</Fragment>);
    } else if (code === 'r') out.push(<ControlPicture key={key++} code="CR" />);
    else if (code === 't') out.push(<ControlPicture key={key++} code="HT" />);
    else if (code === '\\') out.push(<Fragment key={key++}>{'\\'}</Fragment>);
    else out.push(<span key={key++} className="eol cr">{`\\${code}`}</span>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(<Fragment key={key}>{plain(text.slice(last))}</Fragment>);
  return <>{out}</>;
}
