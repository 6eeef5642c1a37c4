/** The chaos run's report as text: what was sent, what was injected, and each invariant with its counts. */
import type { InvariantResult } from './invariant-result';
import type { ChaosReport } from './run';

const MAX_VIOLATIONS_SHOWN = 10;

const pairs = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

const table = (rows: string[][]): string[] => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`);
};

const invariantLines = (i: InvariantResult): string[] => [
  `  ${i.ok ? 'OK  ' : 'FAIL'} ${i.name} — ${i.description}`,
  `       ${Object.entries(i.counts)
    .map(([k, n]) => `${k}=${n}`)
    .join(' ')}`,
  ...i.violations.slice(0, MAX_VIOLATIONS_SHOWN).map((v) => `       ✗ ${[v.orderId && `order ${v.orderId}`, v.productId && `product ${v.productId}`, v.messageId && `message ${v.messageId}`].filter(Boolean).join(' ')}: ${v.message}`),
  ...(i.violations.length > MAX_VIOLATIONS_SHOWN ? [`       … and ${i.violations.length - MAX_VIOLATIONS_SHOWN} more`] : []),
];

export const renderReport = (r: ChaosReport): string => {
  const o = r.options;
  const failed = r.invariants.invariants.filter((i) => !i.ok).length;
  const injected = r.faults.reduce((n, f) => n + f.fired, 0);
  const functions = Object.entries(r.functions).sort(([a], [b]) => a.localeCompare(b));
  return [
    `Chaos run: ${o.orders} orders, seed ${o.seed}, concurrency ${o.concurrency}, LOCAL_TIME_SCALE ${o.timeScale}, ${o.poisonMessages} poison messages`,
    `LOCAL_FAULTS: ${o.faults || 'none'}`,
    '',
    `Requests by intent: ${pairs(r.intents)}`,
    `Orders by status:   ${pairs(r.ordersByStatus)}`,
    `Failures by error:  ${pairs(r.failuresByError)}`,
    '',
    `Faults injected: ${injected}`,
    ...(r.faults.length ? table([['target', 'kind', 'rate', 'fired'], ...r.faults.map((f) => [f.target, f.kind, String(f.rate), String(f.fired)])]) : ['  none']),
    '',
    'Invocations per function:',
    ...table([['function', 'invocations', 'errors', 'injected faults'], ...functions.map(([name, s]) => [name, String(s.invocations), String(s.errors), String(s.injectedFaults)])]),
    '',
    `Stack quiet before checking: ${r.quiet.quiet ? 'yes' : `NO (running ${r.quiet.running}, queued ${r.quiet.queued}, task tokens ${r.quiet.pendingTaskTokens})`}`,
    `Invariants checked on ${r.invariants.orders} orders:`,
    ...r.invariants.invariants.flatMap(invariantLines),
    '',
    `Result: ${r.invariants.ok ? 'OK' : 'FAIL'} — ${r.invariants.invariants.length - failed}/${r.invariants.invariants.length} invariants hold (${(r.durationMs / 1000).toFixed(1)} s)`,
  ].join('\n');
};
