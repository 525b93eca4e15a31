/**
 * Compares what came back with what a saved request expects.
 */
import type { SavedExpectations } from '../collection/index.js';
import type { RequestOutcome } from './send-saved-request.js';

/**
 * Every expectation that did not hold, one phrase each; empty when the request passed.
 *
 * @example
 * ```ts
 * checkExpectations({ status: 200, answerVerified: true }, { kind: 'answered', status: 401, code: 'SIGN_ERROR', answerVerified: true, body: '' });
 * // ['status 401, expected 200']
 * ```
 */
export function checkExpectations(expect: SavedExpectations, outcome: RequestOutcome): string[] {
  if (outcome.kind === 'no-answer') return [`no answer: ${outcome.message}`];
  const problems: string[] = [];
  if (outcome.status !== expect.status) problems.push(`status ${outcome.status}, expected ${expect.status}`);
  if (expect.code !== undefined && outcome.code !== expect.code) problems.push(`code ${outcome.code ?? '(none)'}, expected ${expect.code}`);
  if (expect.reason !== undefined && outcome.reason !== expect.reason) problems.push(`reason ${outcome.reason ?? '(none)'}, expected ${expect.reason}`);
  if (outcome.answerVerified !== expect.answerVerified) {
    problems.push(expect.answerVerified ? `answer signature not verified (${outcome.answerProblem ?? 'unknown'})` : 'answer signature verified, expected it not to');
  }
  return problems;
}
