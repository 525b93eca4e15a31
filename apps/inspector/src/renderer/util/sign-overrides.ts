import type { SignParams } from '../state/workbench-context.js';

/**
 * The timestamp / nonce / method / URL the user pinned in the Sign pane, as API input: empty fields are
 * left out so the backend picks a fresh timestamp and nonce.
 *
 * @example
 * signOverrides({ method: 'POST', url: '/v3/x', timestamp: '1700000000', nonce: '' });
 * // { method: 'POST', url: '/v3/x', timestamp: 1700000000 }
 */
export function signOverrides(p: SignParams): { method?: string; url?: string; timestamp?: number; nonce?: string } {
  const out: { method?: string; url?: string; timestamp?: number; nonce?: string } = {};
  if (p.method.trim()) out.method = p.method.trim();
  if (p.url.trim()) out.url = p.url.trim();
  if (/^\d+$/.test(p.timestamp.trim())) out.timestamp = Number(p.timestamp.trim());
  if (p.nonce.trim()) out.nonce = p.nonce.trim();
  return out;
}
