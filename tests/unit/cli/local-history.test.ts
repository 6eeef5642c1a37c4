/** The local stack's event log → the normalized history, including events stored out of causal order. */
import { causalOrder, normalizeLocalHistory, type LocalHistoryEvent } from '../../../src/cli/core/local-history';
import { buildTimeline } from '../../../src/cli/core/timeline';

const ts = (ms: number): string => new Date(Date.parse('2025-11-20T10:00:00.000Z') + ms).toISOString();
let id = 0;
const ev = (ms: number, type: string, stateName?: string, details: Record<string, unknown> = {}): LocalHistoryEvent => ({
  id: ++id,
  timestamp: ts(ms),
  type,
  ...(stateName && { stateName }),
  ...details,
});

// As stored by the local stack: within the same millisecond the branch's events come before the Parallel
// state's own StateEntered, and the next state's branch starts before the Parallel's exit.
const stored: LocalHistoryEvent[] = [
  ev(0, 'ExecutionStarted', undefined, { input: { orderId: 'o-1' } }),
  ev(0, 'StateEntered', 'ValidateOrder', { stateType: 'Task' }),
  ev(1, 'StateExited', 'ValidateOrder', { stateType: 'Task' }),
  ev(2, 'ParallelBranchStarted', 'ProcessInParallel', { branch: 0 }),
  ev(2, 'StateEntered', 'ReserveInventory', { stateType: 'Task', parallel: 'ProcessInParallel', branch: 0 }),
  ev(2, 'StateEntered', 'ProcessInParallel', { stateType: 'Parallel' }),
  ev(2, 'StateEntered', 'ProcessPayment', { stateType: 'Task', parallel: 'ProcessInParallel', branch: 1 }),
  ev(3, 'LambdaFunctionFailed', 'ReserveInventory', { error: 'OutOfStockError' }),
  ev(3, 'StateFailed', 'ReserveInventory', { stateType: 'Task', error: 'OutOfStockError', cause: '{"errorMessage":"none left"}', parallel: 'ProcessInParallel', branch: 0 }),
  ev(3, 'StateCaught', 'ReserveInventory', { stateType: 'Task', next: 'ReserveInventoryFailed', parallel: 'ProcessInParallel', branch: 0 }),
  ev(3, 'StateExited', 'ReserveInventory', { stateType: 'Task', parallel: 'ProcessInParallel', branch: 0 }),
  ev(4, 'ParallelBranchAborted', 'ProcessInParallel', { branch: 1 }),
  ev(4, 'StateFailed', 'ProcessInParallel', { stateType: 'Parallel', error: 'OutOfStockError' }),
  ev(5, 'ParallelBranchStarted', 'Compensate', { branch: 0 }),
  ev(5, 'StateEntered', 'RefundPayment', { stateType: 'Task', parallel: 'Compensate', branch: 0 }),
  ev(5, 'StateCaught', 'ProcessInParallel', { stateType: 'Parallel', next: 'Compensate' }),
  ev(5, 'StateExited', 'ProcessInParallel', { stateType: 'Parallel' }),
  ev(5, 'StateEntered', 'Compensate', { stateType: 'Parallel' }),
  ev(6, 'StateExited', 'RefundPayment', { stateType: 'Task', parallel: 'Compensate', branch: 0 }),
  ev(7, 'StateExited', 'Compensate', { stateType: 'Parallel' }),
  ev(8, 'ExecutionFailed', undefined, { error: 'OutOfStockError', cause: 'none left' }),
];

const record = {
  executionArn: 'arn:aws:states:local:000000000000:execution:local-orders:o-1',
  name: 'o-1',
  status: 'FAILED',
  input: { orderId: 'o-1' },
  error: 'OutOfStockError',
  cause: 'none left',
  startDate: ts(0),
  stopDate: ts(8),
};

describe('causalOrder', () => {
  test('puts each Parallel state\'s branch events right after its StateEntered, each scope in its own order', () => {
    const names = causalOrder(stored).map((e) => `${e.type}:${e.stateName ?? ''}`);
    const position = (entry: string) => names.indexOf(entry);
    expect(position('StateEntered:ProcessInParallel')).toBeLessThan(position('StateEntered:ReserveInventory'));
    expect(position('StateEntered:ReserveInventory')).toBeLessThan(position('StateFailed:ProcessInParallel'));
    expect(position('StateExited:ProcessInParallel')).toBeLessThan(position('StateEntered:Compensate'));
    expect(position('StateEntered:Compensate')).toBeLessThan(position('StateEntered:RefundPayment'));
    expect(names).toHaveLength(stored.length);
  });
});

describe('normalizeLocalHistory', () => {
  const history = normalizeLocalHistory(record, stored);

  test('takes the execution from the record and the states from the events', () => {
    expect(history).toMatchObject({ orderId: 'o-1', status: 'FAILED', startedAt: Date.parse(ts(0)), stoppedAt: Date.parse(ts(8)), error: 'OutOfStockError' });
    expect(history.events.filter((e) => e.state === 'ProcessPayment').map((e) => e.kind)).toEqual(['entered', 'aborted']);
  });

  test('nests the branches under their Parallel state in the timeline', () => {
    const timeline = buildTimeline(history);
    expect(timeline.steps.map((s) => [s.state, s.depth, s.result])).toEqual([
      ['ValidateOrder', 0, 'succeeded'],
      ['ProcessInParallel', 0, 'caught'],
      ['ReserveInventory', 1, 'caught'],
      ['ProcessPayment', 1, 'aborted'],
      ['Compensate', 0, 'succeeded'],
      ['RefundPayment', 1, 'succeeded'],
    ]);
    expect(timeline.steps[2]).toMatchObject({ error: 'OutOfStockError', cause: 'none left', next: 'ReserveInventoryFailed' });
  });

  test('the library counts retries from 1; the history counts attempts from the first try', () => {
    const retried = normalizeLocalHistory(record, [
      ev(0, 'StateEntered', 'ValidateOrder', { stateType: 'Task' }),
      ev(1, 'StateFailed', 'ValidateOrder', { error: 'Lambda.ServiceException' }),
      ev(2, 'StateRetried', 'ValidateOrder', { attempt: 1 }),
      ev(3, 'StateExited', 'ValidateOrder', { stateType: 'Task' }),
    ]);
    expect(retried.events.find((e) => e.kind === 'retried')?.attempt).toBe(2);
  });
});
