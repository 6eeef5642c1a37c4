/**
 * The 2 × 2 grid `npm run bench:coldstart:aws` measures: each bundle (build profile) on each architecture, at one
 * memory size, so that Init Duration on Lambda answers what the local benchmark cannot (the CPU) and separates what
 * the bundle buys from what Graviton buys. One deployed stack per cell.
 */
import pLimit from 'p-limit';
import type { Architecture } from '../../scripts/build/profiles';
import { ratio } from '../../src/shared/stats';
import { measureFunction, stackFunctions, summarizeColdStarts, type AwsBenchClients, type InitSummary, type Report, type StackFunction } from './aws-coldstart';

export interface GridCell {
  bundle: string;
  architecture: Architecture;
  stackName: string;
}

const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

/** The four stacks `docs/cold-starts.md` tells how to deploy. */
export const DEFAULT_GRID: GridCell[] = [
  { bundle: 'standard', architecture: 'x86_64', stackName: 'sam-order-workflow' },
  { bundle: 'standard', architecture: 'arm64', stackName: 'sam-order-workflow-standard-arm64' },
  { bundle: 'arm-min', architecture: 'x86_64', stackName: 'sam-order-workflow-arm-min-x86' },
  { bundle: 'arm-min', architecture: 'arm64', stackName: 'sam-order-workflow-arm-min' },
];

/** `arm-min/arm64=my-stack` → a cell. */
export const parseCell = (spec: string): GridCell => {
  const match = /^([\w-]+)\/(x86_64|arm64)=(\S+)$/.exec(spec);
  if (!match?.[1] || !match[2] || !match[3]) throw new Error(`--cell takes <bundle>/<x86_64|arm64>=<stack-name>, got ${spec}`);
  return { bundle: match[1], architecture: match[2] as Architecture, stackName: match[3] };
};

export const cellName = (cell: Pick<GridCell, 'bundle' | 'architecture'>): string => `${cell.bundle}/${cell.architecture}`;

export interface GridOptions {
  runs: number;
  memoryMb: number;
  /** Logical ids; all functions of each stack when empty. */
  only: string[];
  /** Functions measured at once (each one's runs stay sequential). */
  concurrency: number;
  payloadFor: (logicalId: string) => string;
  onRun?: (cell: GridCell, fn: StackFunction, run: number, report: Report | undefined) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface GridResult extends GridCell {
  memoryMb: number;
  functions: InitSummary[];
}

export const measureGrid = async (clients: AwsBenchClients, cells: readonly GridCell[], options: GridOptions): Promise<GridResult[]> => {
  const limit = pLimit(Math.max(1, options.concurrency));
  const results: GridResult[] = [];
  for (const cell of cells) {
    const functions = (await stackFunctions(clients.cloudFormation, cell.stackName)).filter((fn) => options.only.length === 0 || options.only.includes(fn.logicalId));
    const measured = await limit.map(functions, (fn) =>
      measureFunction(clients, fn, {
        runs: options.runs,
        memoryMb: options.memoryMb,
        architecture: cell.architecture,
        payload: options.payloadFor(fn.logicalId),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        onRun: (f, run, report) => options.onRun?.(cell, f, run, report),
      }),
    );
    results.push({ ...cell, memoryMb: options.memoryMb, functions: measured.map(summarizeColdStarts) });
  }
  return results;
};

const p50Of = (results: readonly GridResult[], bundle: string, architecture: Architecture, logicalId: string): number | undefined =>
  results.find((r) => r.bundle === bundle && r.architecture === architecture)?.functions.find((fn) => fn.logicalId === logicalId)?.initMsP50;

const times = (value: number | undefined): string => (value === undefined ? '–' : `${value.toFixed(2)}×`);

/** Markdown: Init Duration p50 per function and cell, what the bundle buys per architecture and arm64 per bundle. */
export const gridMarkdown = (results: readonly GridResult[], runs: number): string => {
  const cells = results.map((r) => ({ bundle: r.bundle, architecture: r.architecture }));
  const bundles = [...new Set(cells.map((c) => c.bundle))];
  const logicalIds = [...new Set(results.flatMap((r) => r.functions.map((fn) => fn.logicalId)))].sort();
  const memory = [...new Set(results.map((r) => r.memoryMb))].join(', ');
  const bundleRatios = bundles.length === 2 ? ARCHITECTURES.map((arch) => ({ label: `${bundles[1]} ÷ ${bundles[0]} on ${arch}`, of: (id: string) => ratio(p50Of(results, bundles[1] as string, arch, id), p50Of(results, bundles[0] as string, arch, id)) })) : [];
  const archRatios = bundles.map((bundle) => ({ label: `arm64 ÷ x86_64, ${bundle}`, of: (id: string) => ratio(p50Of(results, bundle, 'arm64', id), p50Of(results, bundle, 'x86_64', id)) }));
  const ratios = [...bundleRatios, ...archRatios];
  const cell = (c: (typeof cells)[number], id: string): string => {
    const summary = results.find((r) => r.bundle === c.bundle && r.architecture === c.architecture)?.functions.find((fn) => fn.logicalId === id);
    return summary?.initMsP50 === undefined ? '–' : `${summary.initMsP50.toFixed(0)} / ${summary.initMsP90?.toFixed(0)}`;
  };
  return [
    `# Init Duration on AWS (\`npm run bench:coldstart:aws\`): ${runs} forced cold starts per function and cell, ${memory} MB`,
    '',
    'Cells are separate deployments measured one after the other, so the ratios are of medians, not paired per round.',
    '',
    `| Function | ${cells.map((c) => `${cellName(c)} init p50 / p90 ms`).join(' | ')} | ${ratios.map((r) => r.label).join(' | ')} |`,
    `| --- | ${[...cells, ...ratios].map(() => '---:').join(' | ')} |`,
    ...logicalIds.map((id) => `| ${id} | ${cells.map((c) => cell(c, id)).join(' | ')} | ${ratios.map((r) => times(r.of(id))).join(' | ')} |`),
    '',
  ].join('\n');
};
