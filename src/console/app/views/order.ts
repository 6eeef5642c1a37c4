/** /console/orders/<orderId>: what happened to one order, on one page. */
import { html } from 'htm/preact';
import type { ConsoleMeta, OrderPage } from '../../shared/api';
import { pretty, time } from '../format';
import { useData } from '../live';
import { ExecutionPanel } from './execution-panel';

const field = (order: Record<string, unknown> | undefined, key: string): unknown => order?.[key];

const shipTo = (address: unknown): string => {
  if (typeof address !== 'object' || address === null) return '—';
  const a = address as Record<string, unknown>;
  return ['line1', 'line2', 'city', 'postalCode', 'country'].map((k) => a[k]).filter((v) => typeof v === 'string' && v !== '').join(', ');
};

export const OrderView = ({ meta, orderId }: { meta: ConsoleMeta; orderId: string }) => {
  const { data, error } = useData<OrderPage>(`/console/api/orders/${encodeURIComponent(orderId)}`);
  if (error) return html`<main><h1>Order ${orderId}</h1><p role="alert">${error}</p></main>`;
  if (!data) return html`<main><h1>Order ${orderId}</h1><p>Loading…</p></main>`;
  const order = data.order;
  const status = field(order, 'status');
  const failure = field(order, 'failure');
  return html`<main>
    <h1>Order <code>${orderId}</code></h1>
    <section aria-labelledby="order-h">
      <h2 id="order-h">Order ${typeof status === 'string' && html`<span class=${`badge order-${status}`} data-testid="order-status">${status}</span>`}</h2>
      ${failure !== undefined && html`<p class="failure" data-testid="order-failure">Failed in <strong>${String((failure as { state?: unknown }).state)}</strong>: ${String((failure as { error?: unknown }).error)} — ${String((failure as { cause?: unknown }).cause ?? '')}</p>`}
      <dl class="order-fields">
        <dt>Customer</dt><dd data-testid="customer">${String(field(order, 'customerId') ?? '—')}</dd>
        <dt>Email</dt><dd>${String(field(order, 'customerEmail') ?? '—')}</dd>
        <dt>Amount</dt><dd>${String(field(order, 'amount') ?? '—')} ${String(field(order, 'currency') ?? '')}</dd>
        <dt>Ships to</dt><dd data-testid="ship-to">${shipTo(field(order, 'shippingAddress'))}</dd>
        <dt>Notes</dt><dd data-testid="notes">${String(field(order, 'notes') ?? '—')}</dd>
        <dt>Created</dt><dd>${String(field(order, 'createdAt') ?? '—')}</dd>
      </dl>
      <details><summary>Order record</summary><pre tabindex="0">${pretty(order)}</pre></details>
    </section>
    <section aria-labelledby="exec-h">
      <h2 id="exec-h">Execution</h2>
      ${data.execution ? html`<${ExecutionPanel} meta=${meta} detail=${data.execution} />` : html`<p>No execution recorded for this order.</p>`}
    </section>
    <section aria-labelledby="res-h">
      <h2 id="res-h">Reservation and fulfilment</h2>
      <pre tabindex="0">${pretty({ items: field(order, 'items'), reservation: field(order, 'reservation'), fulfilment: field(order, 'fulfilment') })}</pre>
    </section>
    ${data.ledger &&
    html`<section aria-labelledby="ledger-h">
      <h2 id="ledger-h">Payment ledger</h2>
      ${data.ledger.length === 0
        ? html`<p>No charge or refund.</p>`
        : html`<table><thead><tr><th scope="col">At</th><th scope="col">Type</th><th scope="col">Amount</th><th scope="col">Reason</th></tr></thead>
            <tbody>${data.ledger.map((e) => html`<tr><td>${e.at ?? ''}</td><td>${e.type}</td><td>${e.amount} ${e.currency ?? ''}</td><td>${e.reason ?? ''}</td></tr>`)}</tbody></table>`}
    </section>`}
    ${data.notifications &&
    html`<section aria-labelledby="notif-h">
      <h2 id="notif-h">Notifications</h2>
      ${data.notifications.length === 0 ? html`<p>None sent.</p>` : html`<ul>${data.notifications.map((n) => html`<li><strong>${n.subject ?? '(no subject)'}</strong> at ${n.publishedAt}<pre tabindex="0">${pretty(n.message)}</pre></li>`)}</ul>`}
    </section>`}
    <section aria-labelledby="logs-h">
      <h2 id="logs-h">Function logs</h2>
      ${data.logs.length === 0 ? html`<p>No log line mentions this order.</p>` : html`<ol class="logs">${data.logs.map((l) => html`<li><time>${time(l.timestamp)}</time> <strong>${l.source}</strong> <code>${l.message}</code></li>`)}</ol>`}
    </section>
  </main>`;
};
