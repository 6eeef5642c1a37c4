/**
 * What every contract suite shares: a clock the suite moves, the order fixture, and `skipCase` for a case an
 * implementation's stand-in cannot run (a moto gap), so it shows as skipped with its reason instead of passing.
 */
import type { Order } from '../../src/domain/order';
import { anOrder as baseOrder } from '../unit/adapters/aws-fakes';

/** A clock that moves only when a case moves it; each suite's factory gets one. */
export class ContractClock {
  private current: number;
  constructor(start = '2026-05-25T09:00:00.000Z') {
    this.current = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.current);
  set(iso: string | number): void {
    this.current = typeof iso === 'number' ? iso : Date.parse(iso);
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

/** The unit tests' order fixture under another id. */
export const anOrder = (orderId: string, overrides: Partial<Order> = {}): Order => baseOrder({ orderId, ...overrides });

/** Cases an implementation cannot run, by case name, with the reason shown in the test name. */
export type Gaps = Readonly<Record<string, string>>;

/** `it`, or `it.skip` with the reason in the test's name when `gaps` names this case. */
export const caseOf =
  (gaps: Gaps = {}) =>
  (name: string, body: () => Promise<void>, timeout?: number): void => {
    const reason = gaps[name];
    if (reason) it.skip(`${name} [skipped: ${reason}]`, body);
    else it(name, body, timeout);
  };
