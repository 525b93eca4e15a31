import type { HeaderMap } from '../../shared/api.js';

/**
 * Headers as a two-column table, values in monospace.
 *
 * @example
 * <HeadersTable headers={{ 'content-type': 'application/json' }} />
 */
export function HeadersTable({ headers, testId }: { headers: HeaderMap; testId?: string }) {
  return (
    <table className="bytes-table" data-testid={testId} data-raw>
      <tbody>
        {Object.entries(headers).map(([name, value]) => (
          <tr key={name}>
            <th style={{ width: 190 }}>{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
