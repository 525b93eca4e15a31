/**
 * The handler's one way to choose the answer: `return answer('…')`. Only a value made here is sent; every other
 * return value of a handler is ignored, so what a save happens to return never reaches the sender.
 */
import { AuditNotifyError } from '../errors.js';
import { answerSchema } from '../schema/index.js';

/**
 * A custom answer `{"ret_msg": …}`, made by the handler context's `answer()`. The private field makes the type
 * nominal: an object of the same shape built by hand is neither accepted by the type checker nor sent.
 *
 * @example
 * ```ts
 * const handler: NotifyHandler = ({ answer }) => answer('SUCC, stored');
 * ```
 */
export class CustomAnswer {
  readonly #minted = true;
  readonly ret_msg: string;

  private constructor(retMsg: string) {
    this.ret_msg = retMsg;
  }

  /** Checks `retMsg` as an APIv3 string and makes the answer; throws `ANSWER_INVALID` otherwise. */
  static of(retMsg: unknown): CustomAnswer {
    const checked = answerSchema.safeParse({ ret_msg: retMsg });
    if (typeof retMsg !== 'string' || !checked.success) {
      throw new AuditNotifyError(
        'ANSWER_INVALID',
        `answer(retMsg): retMsg must be a string of printable characters without emoji, got ${JSON.stringify(retMsg) ?? String(retMsg)}.`,
        checked.success ? {} : { cause: checked.error },
      );
    }
    return new CustomAnswer(retMsg);
  }

  /** The answer a handler chose, or `undefined` for any other return value. */
  static chosenBy(returned: unknown): CustomAnswer | undefined {
    return typeof returned === 'object' && returned !== null && #minted in returned ? (returned as CustomAnswer) : undefined;
  }
}
