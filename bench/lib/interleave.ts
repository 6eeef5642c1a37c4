/**
 * Runs a set of cold-start targets N times each, in rounds: every round runs every target once. Within a round the
 * targets of one group (one function: both profiles, their floors, error path, ablation variants, compile cache)
 * run back to back, in an order shuffled per round, and the order of the groups rotates from round to round. Two
 * targets compared in a round are then seconds apart, not the length of a round, so a busy moment on a shared
 * machine lands on both sides of the ratio; the shuffle keeps any side from always going first.
 */
import { seededRandom, shuffle } from '../../src/shared/random';
import { runColdStart, type ColdStartSample } from './child';

export interface ColdStartTarget {
  label: string;
  /** Targets compared with each other share a group. */
  group: string;
  handlerFile: string;
  eventFile: string;
  env: Record<string, string>;
  samples: ColdStartSample[];
}

export type Progress = (done: number, total: number, label: string) => void;

/** The order of round `round` (0-based): groups rotated, each group's targets shuffled with a per-round seed. */
export const roundOrder = <T extends Pick<ColdStartTarget, 'group'>>(targets: readonly T[], round: number): T[] => {
  const groups = [...new Set(targets.map((target) => target.group))];
  const offset = groups.length ? round % groups.length : 0;
  const random = seededRandom(round + 1);
  return [...groups.slice(offset), ...groups.slice(0, offset)].flatMap((group) => shuffle(targets.filter((target) => target.group === group), random));
};

export const measureInterleaved = async (targets: ColdStartTarget[], runs: number, childScript: string, progress: Progress): Promise<void> => {
  const total = runs * targets.length;
  let done = 0;
  for (let run = 0; run < runs; run += 1) {
    for (const target of roundOrder(targets, run)) {
      progress(done, total, `run ${run + 1}/${runs} · ${target.label}`);
      target.samples.push(await runColdStart({ childScript, handlerFile: target.handlerFile, eventFile: target.eventFile, env: target.env }));
      done += 1;
    }
  }
  progress(total, total, 'done');
};
