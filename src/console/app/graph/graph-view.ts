/**
 * The workflow graph as SVG: states coloured by what happened in the selected execution (not run, running,
 * succeeded, caught, failed, aborted, retried N times), the path taken drawn heavier, Catch edges dashed, Retry as
 * a loop on its state. States are buttons: a click (or Enter) selects one.
 */
import { html } from 'htm/preact';
import { useEffect } from 'preact/hooks';
import type { AslDefinition, StateRun } from '../../shared/api';
import { buildAslGraph, type AslGraph, type GraphEdge } from './asl-graph';
import { layoutGraph, shortLabel, type GraphLayout } from './layout';

const prepared = new WeakMap<AslDefinition, { graph: AslGraph; placed: GraphLayout }>();

/**
 * The graph and its layout depend on the definition only: computed once per page (main.ts asks for them as soon as
 * the definitions arrive), so drawing an execution only colours what is already placed.
 */
export const prepareGraph = (definition: AslDefinition): { graph: AslGraph; placed: GraphLayout } => {
  let ready = prepared.get(definition);
  if (!ready) {
    const graph = buildAslGraph(definition);
    ready = { graph, placed: layoutGraph(graph) };
    prepared.set(definition, ready);
  }
  return ready;
};

export type StateStatus = StateRun['status'] | 'not-run';

export interface GraphProps {
  name: string;
  definition: AslDefinition;
  /** The selected execution's states; absent for the bare definition. */
  runs?: Record<string, StateRun>;
  selected?: string;
  /** The state the execution failed in, outlined. */
  failurePoint?: string;
  onSelect?: (state: string) => void;
}

/** Whether the execution went along an edge, from the runs of its two ends. */
const edgeTaken = (edge: GraphEdge, runs: Record<string, StateRun>): boolean => {
  const from = runs[edge.from];
  const to = runs[edge.to];
  if (!from || !to || to.enteredAt < from.enteredAt) return false;
  if (edge.kind === 'catch') return from.caughtTo === edge.to;
  if (edge.kind === 'branch') return true;
  return from.status === 'succeeded';
};

const pathOf = (points: { x: number; y: number }[]): string => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');

const statusText = (status: StateStatus, run: StateRun | undefined): string =>
  `${status}${run && run.retries > 0 ? `, retried ${run.retries} time${run.retries === 1 ? '' : 's'}` : ''}`;

export const GraphView = ({ name, definition, runs, selected, failurePoint, onSelect }: GraphProps) => {
  const { graph, placed } = prepareGraph(definition);
  const markerId = `arrow-${name.replace(/[^\w-]/g, '')}`;
  useEffect(() => {
    // After the browser has painted the graph: what `npm run bench:console` reports as the draw time.
    if (runs) requestAnimationFrame(() => performance.mark('console:graph-drawn'));
  }, [runs]);
  const select = (state: string) => onSelect?.(state);
  return html`
    <figure class="graph" data-graph=${name}>
      <svg viewBox=${`0 0 ${placed.width} ${placed.height}`} width=${placed.width} height=${placed.height} role="group" aria-label=${`Workflow graph of ${name}`}>
        <defs>
          <marker id=${markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" class="arrow" />
          </marker>
        </defs>
        ${graph.groups.map((group) => {
          const b = placed.groups.get(group.id);
          return b && html`<g class="group" data-group=${group.id}>
            <rect x=${b.x} y=${b.y} width=${b.width} height=${b.height} rx="8" />
            <text x=${b.x + 8} y=${b.y + 14}>${group.id.split('#')[0]} · ${group.label}</text>
          </g>`;
        })}
        ${placed.edges.map((edge) => {
          const taken = runs ? edgeTaken(edge, runs) : false;
          return html`<g class=${`edge edge-${edge.kind}${taken ? ' taken' : ''}`} data-from=${edge.from} data-to=${edge.to} data-kind=${edge.kind} data-taken=${String(taken)}>
            <path d=${pathOf(edge.points)} marker-end=${`url(#${markerId})`} />
            ${edge.label && edge.labelAt && html`<text x=${edge.labelAt.x} y=${edge.labelAt.y + 4} text-anchor="middle">${shortLabel(edge.label)}<title>${edge.label}</title></text>`}
          </g>`;
        })}
        ${graph.states.map((state) => {
          const b = placed.states.get(state.id);
          if (!b) return null;
          const run = runs?.[state.id];
          const status: StateStatus = run?.status ?? 'not-run';
          const retried = run && run.retries > 0;
          return html`<g
            class=${`state status-${runs ? status : 'definition'}${selected === state.id ? ' selected' : ''}${retried ? ' retried' : ''}${failurePoint === state.id ? ' failure-point' : ''}`}
            data-state=${state.id}
            data-type=${state.type}
            data-status=${runs ? status : 'definition'}
            data-retries=${run?.retries ?? 0}
            data-failure-point=${failurePoint === state.id ? 'true' : undefined}
            role="button"
            tabindex="0"
            aria-pressed=${selected === state.id ? 'true' : 'false'}
            aria-label=${`${state.id}, ${state.type}${runs ? `, ${statusText(status, run)}` : ''}${failurePoint === state.id ? ', failed here' : ''}`}
            onClick=${() => select(state.id)}
            onKeyDown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                select(state.id);
              }
            }}
          >
            <rect x=${b.x} y=${b.y} width=${b.width} height=${b.height} rx=${state.type === 'Choice' ? 18 : 6} />
            <text class="state-name" x=${b.x + b.width / 2} y=${b.y + 19} text-anchor="middle">${state.id}</text>
            <text class="state-type" x=${b.x + b.width / 2} y=${b.y + 35} text-anchor="middle">${state.type}${state.end ? ' · End' : ''}${retried ? ` · retried ${run.retries}×` : ''}</text>
            ${state.retry && html`<path class="retry-loop" d=${`M${b.x + b.width - 14},${b.y} c 18,-16 30,2 14,14`} marker-end=${`url(#${markerId})`}><title>Retry: ${state.retry}</title></path>`}
          </g>`;
        })}
      </svg>
      <figcaption>
        <span class="legend status-not-run">not run</span> <span class="legend status-running">running</span>
        <span class="legend status-succeeded">succeeded</span> <span class="legend status-caught">caught</span>
        <span class="legend status-failed">failed</span> <span class="legend status-aborted">aborted</span>
        <span class="legend-edge">— next/choice · - - catch · ↻ retry</span>
      </figcaption>
    </figure>
  `;
};
