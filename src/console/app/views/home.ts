/** /console/ and /console/state-machines/<name>: the workflows the stack runs, drawn from their ASL. */
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import type { ConsoleMeta, StateMachineInfo } from '../../shared/api';
import { pretty } from '../format';
import { GraphView } from '../graph/graph-view';
import { BASE, Link } from '../router';

const MachineSection = ({ machine }: { machine: StateMachineInfo }) => {
  const [selected, setSelected] = useState<string>();
  const state = selected ? machine.definition.States[selected] ?? findNested(machine, selected) : undefined;
  return html`<section aria-label=${`State machine ${machine.name}`} class="machine">
    <h2><${Link} href=${`${BASE}/state-machines/${encodeURIComponent(machine.name)}`}>${machine.name}<//> <small>${machine.type}</small></h2>
    <div class="graph-and-details">
      <${GraphView} name=${machine.name} definition=${machine.definition} selected=${selected} onSelect=${setSelected} />
      ${selected && html`<section class="state-details" aria-label="Selected state"><h3>${selected}</h3><pre tabindex="0">${pretty(state)}</pre></section>`}
    </div>
  </section>`;
};

const findNested = (machine: StateMachineInfo, name: string): unknown => {
  const search = (states: StateMachineInfo['definition']['States']): unknown => {
    for (const s of Object.values(states)) {
      for (const b of s.Branches ?? []) {
        const found = b.States[name] ?? search(b.States);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(machine.definition.States);
};

export const HomeView = ({ meta, only }: { meta: ConsoleMeta; only?: string }) => {
  const machines = only ? meta.stateMachines.filter((m) => m.name === only) : meta.stateMachines;
  return html`<main>
    <h1>${only ? `State machine ${only}` : 'Workflows'}</h1>
    <p>Source: ${meta.source}${meta.readOnly ? ' (read-only)' : ''}. See <${Link} href=${`${BASE}/executions`}>executions<//> and the <${Link} href=${`${BASE}/dashboard`}>dashboard<//>.</p>
    ${machines.length === 0 && html`<p role="alert">No state machine named ${only}.</p>`}
    ${machines.map((m) => html`<${MachineSection} key=${m.name} machine=${m} />`)}
  </main>`;
};
