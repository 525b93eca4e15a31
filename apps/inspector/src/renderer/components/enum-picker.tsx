/**
 * Segmented picker for an enumerated field (`audit_result`: PASS 审核通过 / REJECT 审核驳回).
 *
 * @example
 * <EnumPicker name="audit_result" values={['PASS', 'REJECT']} value="PASS" onChange={set} />
 */
export function EnumPicker(props: {
  name: string;
  values: readonly string[];
  labels?: Record<string, string>;
  value: string | undefined;
  onChange(value: string): void;
}) {
  return (
    <div className="enum-pick" role="radiogroup" aria-label={props.name}>
      {props.values.map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={props.value === v}
          data-testid={`enum-${props.name}-${v}`}
          className={`${props.value === v ? 'active' : ''} ${v.toLowerCase()}`}
          onClick={() => props.onChange(v)}
        >
          <span className="mono">{v}</span>
          {props.labels?.[v] ? <span className="desc">{props.labels[v]}</span> : null}
        </button>
      ))}
    </div>
  );
}
