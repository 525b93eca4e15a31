// Type-level contract of the handler: `npm run typecheck` (tsc over test/) fails if any of these stops holding.
import { describe, expectTypeOf, it } from 'vitest';
import type { CustomAnswer, NotifyContext, NotifyHandler } from '../src/index.js';

declare function saveReturningRow(): Promise<{ id: number; saved: boolean }>;
declare function saveReturningCount(): Promise<number>;

describe('NotifyHandler types', () => {
  it('accepts a handler whatever its ordinary return value (it is ignored)', () => {
    expectTypeOf<() => Promise<{ id: number; saved: boolean }>>().toExtend<NotifyHandler>();
    expectTypeOf<() => number>().toExtend<NotifyHandler>();
    expectTypeOf<() => string>().toExtend<NotifyHandler>();
    expectTypeOf<() => void>().toExtend<NotifyHandler>();
    const pasted: NotifyHandler = async () => saveReturningRow();
    const counted: NotifyHandler = () => saveReturningCount();
    expectTypeOf(pasted).toEqualTypeOf<NotifyHandler>();
    expectTypeOf(counted).toEqualTypeOf<NotifyHandler>();
  });

  it('offers answer(retMsg: string) for a custom ret_msg, and nothing else makes a CustomAnswer', () => {
    expectTypeOf<NotifyContext['answer']>().parameters.toEqualTypeOf<[retMsg: string]>();
    expectTypeOf<NotifyContext['answer']>().returns.toEqualTypeOf<CustomAnswer>();
    // A hand-built object of the same shape is not a CustomAnswer: the class has a private brand.
    expectTypeOf<{ ret_msg: string }>().not.toExtend<CustomAnswer>();
    const handler: NotifyHandler = ({ answer }) => {
      // @ts-expect-error ret_msg is a string
      answer(42);
      return answer('SUCC');
    };
    expectTypeOf(handler).toEqualTypeOf<NotifyHandler>();
  });
});
