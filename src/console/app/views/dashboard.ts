/** /console/dashboard: the figures of `orders report` (computed by the same buildReport on the server), with charts. */
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { DashboardData } from '../../shared/api';
import { duration, percent } from '../format';
import { useData } from '../live';
import { Link, orderHref } from '../router';
import { Chart } from './chart';

const WINDOWS = ['15m', '1h', '24h', '7d', '30d'];

const Figure = ({ label, value, id }: { label: string; value: string | number; id: string }) =>
  html`<div class="figure"><dt>${label}</dt><dd data-figure=${id}>${value}</dd></div>`;

export const DashboardView = () => {
  const [since, setSince] = useState('24h');
  const { data, error } = useData<DashboardData>(`/console/api/report?since=${since}`);
  return html`<main>
    <h1>Dashboard</h1>
    <label>Window <select value=${since} onChange=${(e: Event) => setSince((e.target as HTMLSelectElement).value)}>${WINDOWS.map((w) => html`<option value=${w}>last ${w}</option>`)}</select></label>
    ${error && html`<p role="alert">${error}</p>`}
    ${data ? html`<${Dashboard} data=${data} />` : !error && html`<p>Loading…</p>`}
  </main>`;
};

const Dashboard = ({ data }: { data: DashboardData }) => {
  const r = data.report;
  const x = data.series.map((p) => p.t);
  return html`
    <p>Source: ${r.source}; window ${r.window.since ?? 'start'} to ${r.window.until}.</p>
    <dl class="figures">
      <${Figure} id="total" label="Executions" value=${r.executions.total} />
      <${Figure} id="finished" label="Finished" value=${r.executions.finished} />
      <${Figure} id="successRate" label="Success rate" value=${percent(r.successRate)} />
      <${Figure} id="p50" label="Duration p50" value=${duration(r.durationMs?.p50)} />
      <${Figure} id="p90" label="Duration p90" value=${duration(r.durationMs?.p90)} />
      <${Figure} id="p99" label="Duration p99" value=${duration(r.durationMs?.p99)} />
      <${Figure} id="failures" label="Failures" value=${r.failures.total} />
      <${Figure} id="retries" label="Retries" value=${r.retries.total} />
      <${Figure} id="compensations" label="Compensations" value=${r.compensations.executions} />
      ${r.dlq.map((q) => html`<${Figure} id=${`dlq-${q.queue}`} label=${`DLQ ${q.queue}`} value=${q.depth} />`)}
    </dl>
    <${Chart} title="Executions started, succeeded and failed over time" x=${x} series=${[
      { label: 'started', values: data.series.map((p) => p.started), stroke: '#1f6fd1' },
      { label: 'succeeded', values: data.series.map((p) => p.succeeded), stroke: '#1a7f37' },
      { label: 'failed', values: data.series.map((p) => p.failed), stroke: '#c62828' },
    ]} />
    <section aria-labelledby="outcomes-h"><h2 id="outcomes-h">Outcomes</h2>
      <table><thead><tr>${Object.keys(r.executions.byOutcome).map((k) => html`<th scope="col">${k}</th>`)}</tr></thead>
      <tbody><tr>${Object.entries(r.executions.byOutcome).map(([k, v]) => html`<td data-outcome=${k}>${v}</td>`)}</tr></tbody></table>
      <div class="bars" aria-hidden="true">${Object.entries(r.executions.byOutcome).map(([k, v]) => html`<div class=${`bar outcome-${k}`} style=${{ flexGrow: v }} title=${`${k}: ${v}`}>${v > 0 ? k : ''}</div>`)}</div>
    </section>
    <section aria-labelledby="fail-h"><h2 id="fail-h">Failures by state and error</h2>
      <table class="failures"><thead><tr><th scope="col">State</th><th scope="col">Error</th><th scope="col">Count</th><th scope="col">Share</th><th scope="col">Last cause</th><th scope="col">Orders</th></tr></thead>
      <tbody>${r.failures.groups.map((g) => html`<tr data-failure=${`${g.state}/${g.error}`}><td>${g.state}</td><td>${g.error}</td><td>${g.count}</td><td>${percent(g.share)}</td><td>${g.lastCause}</td><td>${g.orderIds.map((id) => html`<${Link} href=${orderHref(id)}>${id}<//> `)}</td></tr>`)}</tbody></table>
    </section>
    <section aria-labelledby="retry-h"><h2 id="retry-h">Retries</h2>
      <table><thead><tr><th scope="col">State</th><th scope="col">Error</th><th scope="col">Count</th></tr></thead>
      <tbody>${r.retries.groups.map((g) => html`<tr><td>${g.state}</td><td>${g.error}</td><td>${g.count}</td></tr>`)}</tbody></table>
    </section>
    <section aria-labelledby="fn-h"><h2 id="fn-h">Functions</h2>
      <table><thead><tr><th scope="col">Function</th><th scope="col">Invocations</th><th scope="col">Errors</th><th scope="col">Mean duration</th></tr></thead>
      <tbody>${data.functions.map((f) => html`<tr><td>${f.name}</td><td><span class="hbar" style=${{ width: `${(100 * f.invocations) / Math.max(1, ...data.functions.map((g) => g.invocations))}%` }}></span>${f.invocations}</td><td>${f.errors}</td><td>${duration(f.meanDurationMs)}</td></tr>`)}</tbody></table>
      ${r.cloudWatch.map((c) => html`<h3>CloudWatch ${c.namespace}</h3><table><tbody>${Object.entries(c.sums).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`)}
    </section>`;
};
