/**
 * Runs a set of cold-start targets N times each, interleaved: run 1 of every target, then run 2, … with the order
 * rotated every run. A noisy moment on a shared machine then lands on every target instead of on one, which is what
 * keeps ratios measured in one run meaningful.
 */
import { runColdStart, type ColdStartSample } from './child';

export interface ColdStartTarget {
  label: string;
  handlerFile: string;
  eventFile: string;
  env: Record<string, string>;
  samples: ColdStartSample[];
}

export type Progress = (done: number, total: number, label: string) => void;

export const measureInterleaved = async (targets: ColdStartTarget[], runs: number, childScript: string, progress: Progress): Promise<void> => {
  const total = runs * targets.length;
  let done = 0;
  for (let run = 0; run < runs; run += 1) {
    const offset = (run * 7) % Math.max(1, targets.length);
    const order = [...targets.slice(offset), ...targets.slice(0, offset)];
    for (const target of order) {
      progress(done, total, `run ${run + 1}/${runs} · ${target.label}`);
      target.samples.push(await runColdStart({ childScript, handlerFile: target.handlerFile, eventFile: target.eventFile, env: target.env }));
      done += 1;
    }
  }
  progress(total, total, 'done');
};
