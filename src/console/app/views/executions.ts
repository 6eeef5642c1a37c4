/** /console/executions: newest first, filtered by status, failed state, error, time range and order id; paged by cursor. */
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { ExecutionPage, ExecutionRow } from '../../shared/api';
import { getJson, query } from '../api';
import { duration, time } from '../format';
import { useLiveVersion } from '../live';
import { Link, orderHref } from '../router';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'COMPLETED', 'REJECTED'];

interface Filters {
  status: string;
  failedState: string;
  error: string;
  from: string;
  to: string;
  q: string;
}

const EMPTY: Filters = { status: '', failedState: '', error: '', from: '', to: '', q: '' };

const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export const ExecutionsView = () => {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<ExecutionRow[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [facets, setFacets] = useState<ExecutionPage['facets']>();
  const [error, setError] = useState<string>();
  const version = useLiveVersion();
  const params = { status: filters.status, failedState: filters.failedState, error: filters.error, from: toIso(filters.from), to: toIso(filters.to), q: filters.q, limit: 50 };
  const load = async (cursor?: string) => {
    try {
      const page = await getJson<ExecutionPage>(`/console/api/executions${query({ ...params, cursor })}`);
      setRows((current) => (cursor ? [...current, ...page.items] : page.items));
      setNext(page.nextCursor);
      if (page.facets) setFacets(page.facets);
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => void load(), [JSON.stringify(filters), version]);
  const set = (key: keyof Filters) => (e: Event) => setFilters({ ...filters, [key]: (e.target as HTMLInputElement).value });
  return html`<main>
    <h1>Executions</h1>
    <form class="filters" role="search" onSubmit=${(e: Event) => e.preventDefault()}>
      <label>Status <select name="status" value=${filters.status} onChange=${set('status')}><option value="">any</option>${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label>Failed state <select name="failedState" value=${filters.failedState} onChange=${set('failedState')}><option value="">any</option>${(facets?.failedStates ?? []).map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label>Error <select name="error" value=${filters.error} onChange=${set('error')}><option value="">any</option>${(facets?.errors ?? []).map((s) => html`<option value=${s}>${s}</option>`)}</select></label>
      <label>From <input type="datetime-local" name="from" value=${filters.from} onChange=${set('from')} /></label>
      <label>To <input type="datetime-local" name="to" value=${filters.to} onChange=${set('to')} /></label>
      <label>Order id <input type="search" name="q" value=${filters.q} onInput=${set('q')} /></label>
    </form>
    ${error && html`<p role="alert">${error}</p>`}
    <table class="executions">
      <thead><tr><th scope="col">Order</th><th scope="col">State machine</th><th scope="col">Status</th><th scope="col">Outcome</th><th scope="col">Started</th><th scope="col">Duration</th><th scope="col">Failed state</th><th scope="col">Error</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-order=${r.orderId}>
            <td><${Link} href=${orderHref(r.orderId)}>${r.orderId}<//></td>
            <td>${r.stateMachine}</td>
            <td><span class=${`badge exec-${r.status}`}>${r.status}</span></td>
            <td>${r.outcome ?? ''}</td>
            <td>${time(r.startedAt)}</td>
            <td>${r.stoppedAt !== undefined ? duration(r.stoppedAt - r.startedAt) : '…'}</td>
            <td>${r.failedState ?? ''}</td>
            <td>${r.error ?? ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${rows.length === 0 && html`<p>No execution matches.</p>`}
    ${next && html`<button type="button" onClick=${() => void load(next)}>Load older executions</button>`}
  </main>`;
};
