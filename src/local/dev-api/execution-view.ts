/** The per-state summary of an execution's history: when each state ran, how long, retries, how it ended. */
import type { HistoryEvent } from '../emulator/state-machine/execution-store';

export interface StateSummary {
  name: string;
  type?: string;
  parallel?: string;
  enteredAt: string;
  exitedAt?: string;
  durationMs?: number;
  retries: number;
  status: 'SUCCEEDED' | 'FAILED' | 'CAUGHT' | 'RUNNING' | 'CANCELLED';
  error?: string;
  cause?: string;
}

export const summarizeStates = (events: readonly HistoryEvent[], executionDone: boolean): StateSummary[] => {
  const states: StateSummary[] = [];
  const current = new Map<string, StateSummary>();
  for (const e of events) {
    if (!e.stateName) continue;
    if (e.type === 'StateEntered') {
      const s: StateSummary = {
        name: e.stateName,
        ...(typeof e.stateType === 'string' ? { type: e.stateType } : {}),
        ...(typeof e.parallel === 'string' ? { parallel: e.parallel } : {}),
        enteredAt: e.timestamp,
        retries: 0,
        status: 'RUNNING',
      };
      states.push(s);
      current.set(e.stateName, s);
      continue;
    }
    const s = current.get(e.stateName);
    if (!s) continue;
    if (e.type === 'StateExited') {
      s.exitedAt = e.timestamp;
      if (typeof e.durationMs === 'number') s.durationMs = e.durationMs;
      if (s.status !== 'CAUGHT') s.status = 'SUCCEEDED';
    } else if (e.type === 'StateRetried') s.retries++;
    else if (e.type === 'StateFailed') {
      s.status = 'FAILED';
      if (typeof e.error === 'string') s.error = e.error;
      if (typeof e.cause === 'string') s.cause = e.cause;
    } else if (e.type === 'StateCaught') {
      s.status = 'CAUGHT';
      s.exitedAt = e.timestamp;
      s.durationMs = Date.parse(e.timestamp) - Date.parse(s.enteredAt);
    } else if (e.type === 'TaskCancelled' || e.type === 'TaskNotStarted') s.status = 'CANCELLED';
  }
  // A state still RUNNING in a finished execution was cut short (its branch was cancelled, or the run aborted).
  if (executionDone) for (const s of states) if (s.status === 'RUNNING') s.status = 'CANCELLED';
  return states;
};
