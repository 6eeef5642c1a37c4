/**
 * Fault injection for the local stack: `LOCAL_FAULTS="Target:rate:kind[:max],..."` makes chosen Lambda
 * invocations fail at a given rate, drawn from a seeded RNG (`LOCAL_FAULTS_SEED`) so a run can be replayed.
 *
 * Target: a function's logical id (`ReserveInventoryFunction`), the same without the `Function` suffix
 * (`ReserveInventory`, `ProcessPayment`), or the name of the state that invokes it. Kinds:
 * - an error name (`Lambda.ServiceException`, `Lambda.TooManyRequestsException`, …): the Lambda service
 *   refuses the invocation; the handler does NOT run.
 * - `timeout`: the handler runs and does its work, then the invocation hangs until the function's Timeout
 *   (scaled by LOCAL_TIME_SCALE) and fails with `Sandbox.Timedout`, like a function that finished too late.
 * - `crash`: the handler runs and does its work, then the runtime dies before answering (`Runtime.ExitError`):
 *   the caller sees a failure although the side effects happened, the at-least-once worst case.
 * - `crash-before`: the runtime dies before the handler runs (`Runtime.ExitError`), nothing happened.
 * `max` (optional) limits how many times the rule fires, e.g. `ReserveInventory:1:Lambda.ServiceException:2`
 * fails exactly the first two invocations.
 */
import { seededRandom } from '../../shared/random';

export type FaultKind = { type: 'error'; errorType: string } | { type: 'timeout' } | { type: 'crash' } | { type: 'crash-before' };

/** `name`: the kind as written in LOCAL_FAULTS; `max`: Infinity when the rule has none. */
type FaultRule = { target: string; rate: number; kind: FaultKind; name: string; max: number; fired: number };

const parseKind = (kind: string): FaultKind => {
  if (kind === 'timeout' || kind === 'crash' || kind === 'crash-before') return { type: kind };
  if (!/^[A-Za-z][\w.-]*$/.test(kind)) throw new Error(`LOCAL_FAULTS: "${kind}" is not timeout, crash, crash-before or an error name`);
  return { type: 'error', errorType: kind };
};

const parseRule = (part: string): FaultRule => {
  const [target, rate, kind, max] = part.split(':');
  const probability = Number(rate);
  if (!target || !kind || !(probability >= 0 && probability <= 1)) {
    throw new Error(`LOCAL_FAULTS: "${part}" is not Target:rate:kind[:max] with a rate between 0 and 1`);
  }
  return { target, rate: probability, kind: parseKind(kind), name: kind, max: max ? Number(max) : Infinity, fired: 0 };
};

export const parseFaults = (spec: string | undefined): FaultRule[] =>
  (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean).map(parseRule);

export class FaultInjector {
  private readonly rules: FaultRule[];
  private readonly random: () => number;

  constructor(spec: string | undefined, seed = 1) {
    this.rules = parseFaults(spec);
    this.random = seededRandom(seed);
  }

  /**
   * The fault for an invocation known by any of `names` (logical id, short name, state name), if one fires.
   * Several rules may name the same function (`Notify:0.1:crash,Notify:0.1:timeout`): each draws in turn and
   * the first that fires applies.
   */
  decide(names: readonly string[]): FaultKind | undefined {
    const rule = this.rules.find((r) => names.includes(r.target) && r.fired < r.max && this.random() < r.rate);
    if (rule) rule.fired++;
    return rule?.kind;
  }

  /** How often each rule fired, for reports. */
  summary(): { target: string; rate: number; kind: string; fired: number }[] {
    return this.rules.map(({ target, rate, name, fired }) => ({ target, rate, kind: name, fired }));
  }
}
