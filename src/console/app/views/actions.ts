/**
 * /console/actions (local stack only): place an order through the REST API, redrive the DLQ, pause or resume the
 * payment consumer, invoke a function with a sample event. Every action is a same-origin request to the stack's
 * own endpoints — the ones the CLI and curl use.
 */
import type { InvokeAnswer } from '../../../local/dev-api/invoke-answer';
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { LocalActions } from '../../shared/api';
import { postJson } from '../api';
import { pretty } from '../format';
import { useData } from '../live';
import { navigate, orderHref } from '../router';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const OrderForm = ({ actions }: { actions: LocalActions }) => {
  const [quantities, setQuantities] = useState<Record<string, number>>(() => ({ [actions.products.find((p) => p.available > 0)?.productId ?? '']: 1 }));
  const [token, setToken] = useState('tok_visa');
  const [customerId, setCustomerId] = useState('cust-console');
  const [email, setEmail] = useState('dev@example.com');
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const items = actions.products.filter((p) => (quantities[p.productId] ?? 0) > 0).map((p) => ({ productId: p.productId, quantity: quantities[p.productId] ?? 0, unitPrice: p.unitPrice }));
    if (items.length === 0) return setMessage('Choose a quantity for at least one product.');
    const cents = items.reduce((sum, i) => sum + i.quantity * Math.round(i.unitPrice * 100), 0);
    setBusy(true);
    try {
      const answer = await postJson<{ orderId: string }>(
        actions.createOrderPath,
        { customerId, customerEmail: email, currency: 'USD', items, amount: cents / 100, payment: { method: 'card', token } },
        { 'x-api-key': actions.apiKey, ...(idempotencyKey && { 'Idempotency-Key': idempotencyKey }) },
      );
      navigate(orderHref(answer.orderId));
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return html`<section aria-labelledby="order-form-h">
    <h2 id="order-form-h">Place an order</h2>
    <form class="order-form" onSubmit=${submit}>
      <table>
        <caption>Catalogue</caption>
        <thead><tr><th scope="col">Product</th><th scope="col">Unit price</th><th scope="col">Available</th><th scope="col">Quantity</th></tr></thead>
        <tbody>${actions.products.map(
          (p) => html`<tr><td>${p.name} <code>${p.productId}</code></td><td>${p.unitPrice}</td><td>${p.available}</td>
            <td><input type="number" min="0" max="1000" aria-label=${`Quantity of ${p.name}`} name=${`qty-${p.productId}`} value=${quantities[p.productId] ?? 0}
              onInput=${(e: Event) => setQuantities({ ...quantities, [p.productId]: Number((e.target as HTMLInputElement).value) })} /></td></tr>`,
        )}</tbody>
      </table>
      <label>Payment token <select name="token" value=${token} onChange=${(e: Event) => setToken((e.target as HTMLSelectElement).value)}>${actions.paymentTokens.map((t) => html`<option value=${t}>${t}</option>`)}</select></label>
      <label>Customer id <input name="customerId" value=${customerId} onInput=${(e: Event) => setCustomerId((e.target as HTMLInputElement).value)} /></label>
      <label>Customer email <input name="customerEmail" type="email" value=${email} onInput=${(e: Event) => setEmail((e.target as HTMLInputElement).value)} /></label>
      <label>Idempotency-Key (optional) <input name="idempotencyKey" value=${idempotencyKey} onInput=${(e: Event) => setIdempotencyKey((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" disabled=${busy}>Place order</button>
      ${message && html`<p role="alert">${message}</p>`}
    </form>
  </section>`;
};

interface QueueStats {
  name: string;
  depth: number;
  inFlight: number;
  deadLetterQueue?: string;
  deadLetterDepth?: number;
  consumers: { function: string; paused: boolean }[];
}

const Queues = () => {
  const { data, error, reload } = useData<QueueStats[]>('/_local/queues');
  const [message, setMessage] = useState<string>();
  const act = async (path: string, done: (body: Record<string, unknown>) => string) => {
    try {
      setMessage(done(await postJson<Record<string, unknown>>(path, {})));
    } catch (e) {
      setMessage(errorText(e));
    }
    reload();
  };
  const withDlq = (data ?? []).filter((q) => q.deadLetterQueue !== undefined);
  return html`<section aria-labelledby="queues-h">
    <h2 id="queues-h">Queues</h2>
    ${error && html`<p role="alert">${error}</p>`}
    <table>
      <thead><tr><th scope="col">Queue</th><th scope="col">Depth</th><th scope="col">In flight</th><th scope="col">DLQ depth</th><th scope="col">Consumer</th><th scope="col">Actions</th></tr></thead>
      <tbody>${withDlq.map((q) => {
        const paused = q.consumers.some((c) => c.paused);
        const path = `/_local/queues/${encodeURIComponent(q.name)}`;
        return html`<tr data-queue=${q.name}>
          <td>${q.name}</td><td>${q.depth}</td><td>${q.inFlight}</td><td data-testid="dlq-depth">${q.deadLetterDepth ?? 0}</td>
          <td data-testid="consumer-state">${q.consumers.map((c) => `${c.function} ${c.paused ? 'paused' : 'running'}`).join(', ')}</td>
          <td>
            <button type="button" onClick=${() => act(`${path}/redrive`, (b) => `Moved ${String(b.moved ?? 0)} message(s) from the DLQ back to ${q.name}`)}>Redrive DLQ</button>
            <button type="button" onClick=${() => act(`${path}/${paused ? 'resume' : 'pause'}`, () => `${paused ? 'Resumed' : 'Paused'} the consumer of ${q.name}`)}>${paused ? 'Resume consumer' : 'Pause consumer'}</button>
          </td>
        </tr>`;
      })}</tbody>
    </table>
    ${message && html`<p role="status">${message}</p>`}
  </section>`;
};

interface SampleEvent {
  name: string;
  functionLogicalId: string | null;
  event: unknown;
}


const Invoke = ({ actions }: { actions: LocalActions }) => {
  const samples = useData<SampleEvent[]>('/_local/sample-events', false);
  const [fn, setFn] = useState(actions.functions[0] ?? '');
  const [eventText, setEventText] = useState('{}');
  const [answer, setAnswer] = useState<InvokeAnswer>();
  const [message, setMessage] = useState<string>();
  const pick = (name: string) => {
    const sample = samples.data?.find((s) => s.name === name);
    if (!sample) return;
    setEventText(pretty(sample.event));
    if (sample.functionLogicalId) setFn(sample.functionLogicalId);
  };
  const invoke = async (e: Event) => {
    e.preventDefault();
    setAnswer(undefined);
    try {
      const event = JSON.parse(eventText) as unknown;
      setAnswer(await postJson<InvokeAnswer>(`/_local/functions/${encodeURIComponent(fn)}/invoke`, { event }));
      setMessage(undefined);
    } catch (error) {
      setMessage(errorText(error));
    }
  };
  return html`<section aria-labelledby="invoke-h">
    <h2 id="invoke-h">Invoke a function</h2>
    ${samples.error && html`<p>Sample events are not available from this stack (${samples.error}).</p>`}
    <form class="invoke" onSubmit=${invoke}>
      <label>Function <select name="function" value=${fn} onChange=${(e: Event) => setFn((e.target as HTMLSelectElement).value)}>${actions.functions.map((f) => html`<option value=${f}>${f}</option>`)}</select></label>
      <label>Sample event <select name="sample" onChange=${(e: Event) => pick((e.target as HTMLSelectElement).value)}><option value="">—</option>${(samples.data ?? []).map((s) => html`<option value=${s.name}>${s.name}</option>`)}</select></label>
      <label class="wide">Event (JSON) <textarea name="event" rows="10" value=${eventText} onInput=${(e: Event) => setEventText((e.target as HTMLTextAreaElement).value)}></textarea></label>
      <button type="submit">Invoke</button>
    </form>
    ${message && html`<p role="alert">${message}</p>`}
    ${answer &&
    html`<div class="invoke-result" aria-live="polite">
      <p>${answer.functionLogicalId} answered in ${answer.durationMs} ms (request ${answer.requestId})</p>
      ${answer.error ? html`<p class="error-text">${answer.error.errorType}: ${answer.error.errorMessage}</p>` : html`<pre tabindex="0">${pretty(answer.result)}</pre>`}
      <h3>Log lines</h3>
      <ol class="logs">${answer.logs.map((l) => html`<li><code>${l}</code></li>`)}</ol>
    </div>`}
  </section>`;
};

/** The invoke form asks the stack for its sample events only when opened. */
const LazyInvoke = ({ actions }: { actions: LocalActions }) => {
  const [open, setOpen] = useState(false);
  return open
    ? html`<${Invoke} actions=${actions} />`
    : html`<section aria-labelledby="invoke-h"><h2 id="invoke-h">Invoke a function</h2>
        <button type="button" aria-expanded="false" onClick=${() => setOpen(true)}>Invoke a function with a sample event</button>
        <span class="hint"> — the counterpart of <code>sam local invoke -e</code></span></section>`;
};

export const ActionsView = ({ actions }: { actions: LocalActions | undefined }) =>
  actions
    ? html`<main><h1>Actions</h1><${OrderForm} actions=${actions} /><${Queues} /><${LazyInvoke} actions=${actions} /></main>`
    : html`<main><h1>Actions</h1><p>This console is read-only: actions are for the local stack.</p></main>`;

