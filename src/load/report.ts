/** The load report: one object, printed as text and written as JSON (`--json`). */
import type { CostEstimate, UsagePerOrder } from './cost-model';
import type { LatencySummary } from './metrics';
import type { UsageAssumptions } from './usage';

export interface LoadReport {
  target: string;
  startedAt: string;
  machine: { node: string; cpus: number; platform: string };
  options: { orders: number; concurrency: number; mix: Record<string, number>; seed: number; quotes: number; timeScale?: number };
  requests: {
    sent: number;
    accepted: number;
    byStatusCode: Record<string, number>;
    acceptedPerSecond: number;
    postLatencyMs?: LatencySummary;
  };
  terminal: {
    reached: number;
    notReached: number;
    perSecond: number;
    timeToTerminalMs?: LatencySummary;
    wallSeconds: number;
  };
  outcomes: {
    byStatus: Record<string, number>;
    byError: Record<string, number>;
    byScenario: Record<string, Record<string, number>>;
  };
  /** From the execution histories (local target only). */
  transitions?: {
    meanPerOrder: number;
    byStatus: Record<string, { mean: number; min: number; max: number }>;
  };
  quotes?: {
    sent: number;
    byStatusCode: Record<string, number>;
    latencyMs?: LatencySummary;
  };
  /** Where the time goes in the local stack (local target only). */
  localStack?: {
    /** Process CPU time of the run per order (stack, handlers and load client share the process). */
    cpuMsPerOrderUnderLoad: number;
    /** Handlers' measured durations per order under load: wall time, including waits for the event loop. */
    handlerWallMsPerOrderUnderLoad: number;
    /** From orders sent one at a time after the run, where durations are the handlers' own time. */
    calibrationOrders?: number;
    cpuMsPerOrder?: number;
    handlerMsPerOrder?: number;
    overheadMsPerOrder?: number;
    functions: Record<string, { invocations: number; meanMs: number }>;
  };
  cost: {
    region: string;
    pricesReadOn: string;
    assumptions: UsageAssumptions & { orderKb: number; linesPerOrder: number; durations: string };
    usagePerOrder: UsagePerOrder;
    profiles: (CostEstimate & { profile: string })[];
  };
}

const ms = (value: number | undefined): string => (value === undefined ? '-' : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);
const latency = (s: LatencySummary | undefined): string => (s ? `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  (mean ${ms(s.mean)}, max ${ms(s.max)})` : 'n/a');
const counts = (record: Record<string, number>): string => Object.entries(record).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
const usd = (value: number): string => `$${value.toFixed(2)}`;
const qty = (value: number): string => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));

export const renderReport = (r: LoadReport): string => {
  const lines: string[] = [];
  const add = (text = ''): void => void lines.push(text);
  add(`Load run against ${r.target} — ${r.options.orders} orders, concurrency ${r.options.concurrency}, seed ${r.options.seed}${r.options.timeScale ? `, LOCAL_TIME_SCALE ${r.options.timeScale}` : ''}`);
  add(`Mix: ${counts(Object.fromEntries(Object.entries(r.options.mix).map(([k, v]) => [k, Number(v.toFixed(3))])))}   Machine: ${r.machine.cpus} CPUs, Node ${r.machine.node}, ${r.machine.platform}`);
  add();
  add(`Accepted      ${r.requests.accepted}/${r.requests.sent} (${counts(r.requests.byStatusCode)})   ${r.requests.acceptedPerSecond.toFixed(1)} orders/s accepted`);
  add(`POST latency  ${latency(r.requests.postLatencyMs)}`);
  add(`Terminal      ${r.terminal.reached} reached, ${r.terminal.notReached} not   ${r.terminal.perSecond.toFixed(1)} orders/s reaching a terminal state (${r.terminal.wallSeconds.toFixed(2)} s wall)`);
  add(`To terminal   ${latency(r.terminal.timeToTerminalMs)}`);
  add(`Outcomes      ${counts(r.outcomes.byStatus)}`);
  add(`Errors        ${counts(r.outcomes.byError)}`);
  for (const [scenario, byOutcome] of Object.entries(r.outcomes.byScenario)) add(`  ${scenario.padEnd(8)}  ${counts(byOutcome)}`);
  if (r.transitions) {
    add(`Transitions   ${r.transitions.meanPerOrder.toFixed(2)} per order (Standard, from execution histories)`);
    for (const [status, t] of Object.entries(r.transitions.byStatus)) add(`  ${status.padEnd(10)} mean ${t.mean.toFixed(2)}  min ${t.min}  max ${t.max}`);
  }
  if (r.quotes) add(`Quotes        ${r.quotes.sent} sent (${counts(r.quotes.byStatusCode)})   ${latency(r.quotes.latencyMs)}`);
  if (r.localStack) {
    const s = r.localStack;
    add(`Local stack   ${s.cpuMsPerOrderUnderLoad.toFixed(2)} ms CPU per order under load (one process: stack, handlers and load client)`);
    if (s.cpuMsPerOrder !== undefined && s.handlerMsPerOrder !== undefined && s.overheadMsPerOrder !== undefined) {
      const share = s.cpuMsPerOrder > 0 ? (100 * s.overheadMsPerOrder) / s.cpuMsPerOrder : 0;
      add(`  one at a time (${s.calibrationOrders} orders): ${s.cpuMsPerOrder.toFixed(2)} ms CPU per order = handlers ${s.handlerMsPerOrder.toFixed(2)} ms + local stack and client ${s.overheadMsPerOrder.toFixed(2)} ms (${share.toFixed(0)} %)`);
    }
    add(`  handler wall time under load: ${Object.entries(s.functions).map(([fn, f]) => `${fn.replace(/Function$/, '')} ${f.invocations}× ${f.meanMs.toFixed(2)} ms`).join(', ')}`);
  }
  add();
  add(`Estimated AWS cost per 1,000,000 orders (${r.cost.region}, list prices read ${r.cost.pricesReadOn}, no free tier)`);
  const a = r.cost.assumptions;
  add(`Assumes ${a.quotesPerOrder} quote per order, +${a.awsMsPerCall} ms per AWS call in each handler, order items of ${a.orderKb} KB, ${a.linesPerOrder.toFixed(2)} lines per order; durations ${a.durations}`);
  const [first, ...others] = r.cost.profiles;
  if (first) {
    const header = ['Service', 'Item', 'Quantity', ...r.cost.profiles.map((p) => `${p.profile} (${p.architecture})`)];
    const rows = first.lines.map((line, i) => [line.service, line.item, `${qty(line.quantity)} ${line.unit}`, usd(line.usd), ...others.map((p) => usd(p.lines[i]?.usd ?? 0))]);
    rows.push(['Total', '', '', ...r.cost.profiles.map((p) => usd(p.totalUsd))]);
    add(table(header, rows));
  }
  return lines.join('\n');
};

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (row: string[]): string => `| ${row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  return [format(header), `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.map(format)].join('\n');
};
