/**
 * An HTTP status coloured by class (2xx green, 4xx/5xx red).
 *
 * @example
 * <StatusCode status={401} />
 */
export function StatusCode({ status, testId }: { status: number | undefined; testId?: string }) {
  if (status === undefined) return <span className="status-code">—</span>;
  return (
    <span className={`status-code s${Math.floor(status / 100)}`} data-testid={testId}>
      {status}
    </span>
  );
}
