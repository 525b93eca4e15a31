import type { ReactNode } from 'react';

/**
 * A titled box: the building block of every pane.
 *
 * @example
 * <Card title="Signing message" hint="␊ = \n" actions={<CopyButton text={m} />}>…</Card>
 */
export function Card(props: { title: ReactNode; hint?: ReactNode; actions?: ReactNode; flush?: boolean; testId?: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={props.testId}>
      <header>
        <span>{props.title}</span>
        {props.hint ? <span className="hint">{props.hint}</span> : null}
        <span className="spacer" />
        {props.actions}
      </header>
      <div className={props.flush ? 'body flush' : 'body'}>{props.children}</div>
    </section>
  );
}
