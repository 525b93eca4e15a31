import type { KeySummary } from '../../shared/api.js';

/**
 * Picks one stored key of a role (by store id), showing its key id and fingerprint prefix.
 *
 * @example
 * <KeySelect keys={keys} role="merchant" value={id} onChange={setId} testId="sign-key" />
 */
export function KeySelect(props: { keys: KeySummary[]; role: KeySummary['role']; value: string | undefined; onChange(id: string): void; testId: string }) {
  const usable = props.keys.filter((k) => k.role === props.role && k.hasPrivateKey);
  return (
    <select className="select mono" data-testid={props.testId} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value)}>
      {usable.length === 0 ? <option value="">—</option> : null}
      {usable.map((k) => (
        <option key={k.id} value={k.id}>
          {k.keyId} · {k.label}
        </option>
      ))}
    </select>
  );
}
