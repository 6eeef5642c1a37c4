/** One execution: its graph coloured by what happened, the selected state's details, and the timeline. */
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { ConsoleMeta, ExecutionDetail } from '../../shared/api';
import { duration, pretty, time } from '../format';
import { GraphView } from '../graph/graph-view';

const Data = ({ label, value }: { label: string; value: unknown }) =>
  value === undefined ? null : html`<details open><summary>${label}</summary><pre tabindex="0">${pretty(value)}</pre></details>`;

export const StateDetails = ({ detail, state }: { detail: ExecutionDetail; state: string }) => {
  const run = detail.states[state];
  if (!run) return html`<section class="state-details" aria-label="Selected state"><h3>${state}</h3><p>Not run in this execution.</p></section>`;
  return html`<section class="state-details" aria-label="Selected state">
    <h3>${state} <span class=${`badge status-${run.status}`}>${run.status}</span></h3>
    <dl>
      <dt>Type</dt><dd>${run.stateType ?? '—'}</dd>
      <dt>Entered</dt><dd>${time(run.enteredAt)}</dd>
      <dt>Duration</dt><dd>${duration(run.durationMs)}</dd>
      <dt>Retries</dt><dd>${run.retries}</dd>
      ${run.error && html`<dt>Error</dt><dd class="error-text">${run.error}</dd>`}
      ${run.cause && html`<dt>Cause</dt><dd class="cause">${run.cause}</dd>`}
      ${run.caughtTo && html`<dt>Caught, went to</dt><dd>${run.caughtTo}</dd>`}
    </dl>
    <table>
      <caption>Attempts</caption>
      <thead><tr><th scope="col">#</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Error</th></tr></thead>
      <tbody>${run.attempts.map((a) => html`<tr><td>${a.attempt}</td><td>${time(a.startedAt)}</td><td>${time(a.endedAt)}</td><td>${a.error ?? ''}${a.cause ? `: ${a.cause}` : ''}</td></tr>`)}</tbody>
    </table>
    <${Data} label="Input" value=${run.input} />
    <${Data} label="Output" value=${run.output} />
  </section>`;
};

export const ExecutionPanel = ({ meta, detail }: { meta: ConsoleMeta; detail: ExecutionDetail }) => {
  const machine = meta.stateMachines.find((m) => m.name === detail.stateMachine) ?? meta.stateMachines[0];
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const shown = selected ?? detail.failure?.state;
  const h = detail.history;
  return html`<section class="execution" aria-label="Execution" data-execution-status=${h.status}>
    <p>
      Execution <code>${h.name}</code> of <strong>${machine?.name ?? 'unknown state machine'}</strong>:
      <span class=${`badge exec-${h.status}`} data-testid="execution-status">${h.status}</span>
      started ${time(h.startedAt)}${h.stoppedAt !== undefined ? `, took ${duration(h.stoppedAt - h.startedAt)}` : ''}
    </p>
    ${detail.failure && html`<p class="failure" data-testid="failure-point">Failed state: <strong>${detail.failure.state}</strong> — <span class="error-text">${detail.failure.error}</span> after ${detail.failure.attempts} attempt(s): ${detail.failure.cause}</p>`}
    <p class="path" data-testid="path">Path: ${detail.path.join(' → ')}</p>
    <div class="graph-and-details">
      ${machine && html`<${GraphView} name=${machine.name} definition=${machine.definition} runs=${detail.states} selected=${shown} failurePoint=${detail.failure?.state} onSelect=${setSelected} />`}
      ${shown ? html`<${StateDetails} detail=${detail} state=${shown} />` : html`<p class="hint">Select a state to see its input, output and attempts.</p>`}
    </div>
    <details>
      <summary>Timeline (${h.events.length} events)</summary>
      <table class="timeline">
        <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">State</th><th scope="col">Error</th></tr></thead>
        <tbody>${h.events.map((e) => html`<tr><td>${time(e.timestamp)}</td><td>${e.kind}</td><td>${e.state}</td><td>${e.error ?? ''}</td></tr>`)}</tbody>
      </table>
    </details>
  </section>`;
};
