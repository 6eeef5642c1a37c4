/** The console's browser app: reads /console/api/meta once, then routes /console/* paths to their views. */
import { html, render } from 'htm/preact';
import 'uplot/dist/uPlot.min.css';
import './app.css';
import type { ConsoleMeta } from '../shared/api';
import { useEffect } from 'preact/hooks';
import { prepareGraph } from './graph/graph-view';
import { useData } from './live';
import { BASE, Link, usePath } from './router';
import { ActionsView } from './views/actions';
import { DashboardView } from './views/dashboard';
import { ExecutionsView } from './views/executions';
import { HomeView } from './views/home';
import { OrderView } from './views/order';

const View = ({ meta, path }: { meta: ConsoleMeta; path: string }) => {
  const [route = '', id] = path.slice(BASE.length).split('?')[0]!.split('/').filter(Boolean);
  const param = id === undefined ? undefined : decodeURIComponent(id);
  switch (route) {
    case '':
      return html`<${HomeView} meta=${meta} />`;
    case 'state-machines':
      return html`<${HomeView} meta=${meta} only=${param} />`;
    case 'executions':
      return html`<${ExecutionsView} />`;
    case 'orders':
      return param ? html`<${OrderView} key=${param} meta=${meta} orderId=${param} />` : html`<${ExecutionsView} />`;
    case 'dashboard':
      return html`<${DashboardView} />`;
    case 'actions':
      return html`<${ActionsView} actions=${meta.local} />`;
    default:
      return html`<main><h1>Not found</h1><p>No console page at ${path}.</p></main>`;
  }
};

const App = () => {
  const path = usePath();
  const meta = useData<ConsoleMeta>('/console/api/meta', false);
  useEffect(() => {
    // Lay the graphs out while the view's own data is still on its way.
    const machines = meta.data?.stateMachines ?? [];
    const timer = setTimeout(() => machines.forEach((m) => prepareGraph(m.definition)), 0);
    return () => clearTimeout(timer);
  }, [meta.data]);
  const links: [string, string][] = [
    [`${BASE}/`, 'Workflows'],
    [`${BASE}/executions`, 'Executions'],
    [`${BASE}/dashboard`, 'Dashboard'],
    ...(meta.data?.readOnly === false ? ([[`${BASE}/actions`, 'Actions']] as [string, string][]) : []),
  ];
  const current = (href: string) => (href === `${BASE}/` ? path === href || path === BASE : path.startsWith(href));
  return html`
    <header>
      <a class="skip" href="#content">Skip to content</a>
      <span class="brand">Order workflow console</span>
      <nav aria-label="Main">${links.map(([href, label]) => html`<${Link} href=${href} aria-current=${current(href) ? 'page' : undefined}>${label}<//>`)}</nav>
      ${meta.data && html`<span class="mode">${meta.data.mode === 'local' ? 'local stack' : 'AWS (read-only)'}</span>`}
    </header>
    <div id="content">
      ${meta.error ? html`<main><h1>Console</h1><p role="alert">${meta.error}</p></main>` : meta.data ? html`<${View} meta=${meta.data} path=${path} />` : html`<main><h1>Console</h1><p>Loading…</p></main>`}
    </div>
  `;
};

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} />`, root);
}
