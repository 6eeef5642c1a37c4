/** The cold-start report as console tables, a Markdown document and an SVG chart of the paired ratios. */
import { BUILD_CHOICES } from './ablation';
import { formatInterval } from './paired';
import { ARM_MIN, ARM_MIN_OVER_FLOOR_LIMIT, ARM_MIN_OVER_STANDARD_LIMIT, KB, STANDARD, type ColdStartReport, type FunctionReport, type ImportRatio, type Measure, type TargetCheck } from './report';

const kb = (bytes: number): string => (bytes / KB).toFixed(1);
const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(1));
const short = (logicalId: string): string => logicalId.replace(/Function$/, '');
const SDK_NAMES: Record<string, string> = { '@aws-sdk/client-dynamodb': 'DynamoDB', '@aws-sdk/client-sfn': 'SFN', '@aws-sdk/client-sns': 'SNS', '@aws-sdk/client-sqs': 'SQS' };
const clients = (fn: FunctionReport): string => fn.sdkClients.map((name) => SDK_NAMES[name] ?? name.replace('@aws-sdk/client-', '')).join(', ');

type Table = { headers: string[]; rows: string[][] };

/** A column of figures (`45.2`, `0.35 [0.26–0.46]`, `–`) is right-aligned, a column of words left-aligned. */
const isFigure = (cell: string): boolean => /^[\d.\s[\]–×-]+$/.test(cell);

const mdTable = ({ headers, rows }: Table): string[] => [
  `| ${headers.join(' | ')} |`,
  `| ${headers.map((_, i) => (rows.length && rows.every((row) => isFigure(row[i] ?? '')) ? '---:' : '---')).join(' | ')} |`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
];

const textTable = ({ headers, rows }: Table): string => {
  const all = [headers, ...rows];
  const widths = headers.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
};

const outcomeOf = (m: Measure | undefined): string => (m ? Object.entries(m.outcomes).map(([outcome, count]) => (count === Object.values(m.outcomes).reduce((a, b) => a + b, 0) ? outcome : `${outcome} ×${count}`)).join(', ') : '–');

/** The headline: paired ratios with intervals, per function. */
export const ratioTable = (report: ColdStartReport): Table => ({
  headers: ['Function', 'SDK clients', 'clients built', 'std import p50', 'arm-min import p50', 'arm-min ÷ std (wall)', 'arm-min ÷ std (CPU)', 'arm-min floor p50', 'arm-min ÷ floor (wall)', 'arm-min ÷ floor (CPU)'],
  rows: report.functions.map((fn) => {
    const std = fn.profiles[STANDARD];
    const arm = fn.profiles[ARM_MIN];
    return [
      short(fn.logicalId),
      clients(fn),
      fn.clientInit === 'eager' ? 'at init' : 'on first call',
      ms(std?.importMsP50),
      ms(arm?.importMsP50),
      formatInterval(fn.armMinOverStandard.wall),
      formatInterval(fn.armMinOverStandard.cpu),
      ms(arm?.floor.importMsP50),
      formatInterval(arm?.overFloor.wall),
      formatInterval(arm?.overFloor.cpu),
    ];
  }),
});

/** First invocation, happy path (success stand-in) and error path, p50 ms. */
export const firstInvokeTable = (report: ColdStartReport): Table => ({
  headers: ['Function', 'happy std', 'happy arm-min', 'arm-min ÷ std', 'outcome', 'error std', 'error arm-min', 'error outcome'],
  rows: report.functions.map((fn) => {
    const std = fn.profiles[STANDARD];
    const arm = fn.profiles[ARM_MIN];
    return [
      short(fn.logicalId),
      ms(std?.firstInvokeMsP50),
      ms(arm?.firstInvokeMsP50),
      formatInterval(fn.armMinOverStandard.firstInvoke),
      outcomeOf(arm),
      ms(std?.errorPath?.firstInvokeMsP50),
      ms(arm?.errorPath?.firstInvokeMsP50),
      outcomeOf(arm?.errorPath),
    ];
  }),
});

export const sizeTable = (report: ColdStartReport): Table => ({
  headers: ['Function', 'std KB', 'std map KB', 'arm-min KB', 'arm-min init KB', 'std RSS MB', 'arm-min RSS MB'],
  rows: report.functions.map((fn) => {
    const std = fn.profiles[STANDARD];
    const arm = fn.profiles[ARM_MIN];
    return [short(fn.logicalId), std ? kb(std.bytes) : '–', std ? kb(std.mapBytes) : '–', arm ? kb(arm.bytes) : '–', arm ? kb(arm.initBytes) : '–', std ? (std.maxRssKbP50 / 1024).toFixed(1) : '–', arm ? (arm.maxRssKbP50 / 1024).toFixed(1) : '–'];
  }),
});

/** One row per function and choice: applied alone to standard, removed alone from arm-min. */
export const ablationTable = (report: ColdStartReport): Table => {
  const rows = [...new Set(report.ablation.map((row) => row.function))].flatMap((fn) =>
    BUILD_CHOICES.flatMap((choice) => {
      const add = report.ablation.find((row) => row.function === fn && row.choice === choice.name && row.direction === 'add');
      const remove = report.ablation.find((row) => row.function === fn && row.choice === choice.name && row.direction === 'remove');
      if (!add && !remove) return [];
      return [[short(fn), choice.name, ms(add?.measure.importMsP50), formatInterval(add?.overBase.wall), formatInterval(add?.overBase.cpu), ms(remove?.measure.importMsP50), formatInterval(remove?.overBase.wall), formatInterval(remove?.overBase.cpu)]];
    }),
  );
  return { headers: ['Function', 'choice', 'std + choice p50', '÷ std (wall)', '÷ std (CPU)', 'arm-min − choice p50', '÷ arm-min (wall)', '÷ arm-min (CPU)'], rows };
};

export const compileCacheTable = (report: ColdStartReport): Table => ({
  headers: ['Function', 'arm-min import p50', 'with compile cache p50', 'cache ÷ arm-min (wall)', 'cache ÷ arm-min (CPU)'],
  rows: report.functions.flatMap((fn) =>
    fn.compileCache ? [[short(fn.logicalId), ms(fn.profiles[ARM_MIN]?.importMsP50), ms(fn.compileCache.importMsP50), formatInterval(fn.compileCache.overArmMin.wall), formatInterval(fn.compileCache.overArmMin.cpu)]] : [],
  ),
});

const SYMBOL = { pass: '✓', fail: '✗', undecided: '?' } as const;

export const targetLines = (report: ColdStartReport): string[] => {
  const byTarget = new Map<string, TargetCheck[]>();
  for (const check of report.targets) byTarget.set(check.target, [...(byTarget.get(check.target) ?? []), check]);
  return [...byTarget].map(([target, checks]) => {
    const passed = checks.filter((check) => check.verdict === 'pass').length;
    const others = checks.filter((check) => check.verdict !== 'pass');
    const worst = checks.reduce((a, b) => (b.high > a.high ? b : a));
    const verdict = others.some((check) => check.verdict === 'fail') ? 'fail' : others.length ? 'undecided' : 'pass';
    const detail = others.length
      ? `not passed: ${others.map((c) => `${short(c.function)} ${c.median.toFixed(2)} [${c.low.toFixed(2)}–${c.high.toFixed(2)}] ${c.verdict}`).join(', ')}`
      : `highest upper end ${short(worst.function)} ${worst.high.toFixed(2)}`;
    return `${SYMBOL[verdict]} ${target}: ${passed}/${checks.length} pass on the 95 % interval's upper end (${detail})`;
  });
};

export const consoleReport = (report: ColdStartReport): string =>
  [
    'Paired ratios, median of per-round ratios [95 % bootstrap interval]',
    textTable(ratioTable(report)),
    '',
    'First invocation p50 (ms): happy path (stand-in answers success) and error path (stand-in answers 400)',
    textTable(firstInvokeTable(report)),
    ...(report.ablation.length ? ['', 'Ablation: one build choice at a time (import p50 ms; ratios paired per round)', textTable(ablationTable(report))] : []),
    ...(compileCacheTable(report).rows.length ? ['', 'V8 compile cache (portable) on arm-min', textTable(compileCacheTable(report))] : []),
    '',
    ...targetLines(report),
  ].join('\n');

export const METHOD_NOTES = [
  'Every sample is a fresh Node process that, like Lambda\'s runtime interface client, has node:http loaded, then times `await import(handler)` (wall and CPU time) and the first invocation with the function\'s sample event from events/.',
  'Targets run in rounds: each round runs every target once, the targets of one function back to back in a shuffled order, the functions in a rotating order. A ratio is taken within each round (both sides ran seconds apart, so they saw the same moment of a busy machine); the figure is the median of those per-round ratios with a 95 % percentile-bootstrap interval (2000 resamples, fixed seed). A target passes when the interval\'s upper end is within its limit, fails when the lower end is above it, and is undecided otherwise.',
  'Happy path: every AWS call goes to a local stand-in that answers each command with a success of the shape the adapters read (an order, stock, an execution ARN, a message id). Error path: the same bundle against a stand-in that answers HTTP 400 at once (AWS_MAX_ATTEMPTS=1); it differs because the handler then builds an SDK error, logs its stack and, under `--enable-source-maps` (standard only), parses the bundle\'s source map to print it.',
  'SDK floor = an entry importing only the SDK clients and commands the function\'s bundle holds, building the clients when the function does (at init, or on the first call for a function that builds them lazily), bundled with the same profile.',
  'This machine is x86_64: "arm-min" is measured with its bundle, not on a Graviton CPU. No Init Duration on Lambda is predicted from these figures; `npm run bench:coldstart:aws` measures the 2 × 2 grid (bundle × architecture) on AWS.',
];

export const markdown = (report: ColdStartReport): string => {
  const { environment: env } = report;
  const ablationFunctions = [...new Set(report.ablation.map((row) => short(row.function)))];
  return [
    `# Cold starts: ${report.functions.length} functions × ${report.profiles.map((p) => p.name).join(', ')}`,
    '',
    `Generated by \`npm run bench:coldstart\` on ${report.generatedAt}: Node ${env.node}, ${env.platform}/${env.arch}, ${env.cpus} × ${env.cpu}; ${report.runs} rounds (one fresh process per target per round).`,
    '',
    ...METHOD_NOTES.map((note) => `- ${note}`),
    '',
    '## Paired ratios (median of per-round ratios [95 % interval]); import p50 in ms',
    '',
    ...mdTable(ratioTable(report)),
    '',
    '## Targets',
    '',
    ...targetLines(report).map((line) => `- ${line}`),
    '',
    '## First invocation p50 (ms): happy path and error path',
    '',
    ...mdTable(firstInvokeTable(report)),
    '',
    ...(report.ablation.length
      ? ['## Ablation', '', `Functions: ${ablationFunctions.join(', ')}. Each choice applied alone to standard and removed alone from arm-min; ratios against the unchanged profile in the same round.`, '', ...mdTable(ablationTable(report)), '']
      : []),
    ...(compileCacheTable(report).rows.length ? ['## V8 compile cache (portable), arm-min', '', ...mdTable(compileCacheTable(report)), ''] : []),
    '## Sizes and memory',
    '',
    ...mdTable(sizeTable(report)),
    '',
  ].join('\n');
};

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

interface Panel {
  title: string;
  limit?: number;
  min: number;
  max: number;
  value: (fn: FunctionReport) => ImportRatio | undefined;
}

/** A forest plot per ratio: for every function the median (dot) and its 95 % interval (line), the limit dashed. */
export const svgChart = (report: ColdStartReport): string => {
  const panels: Panel[] = [
    { title: 'arm-min ÷ standard, import', limit: ARM_MIN_OVER_STANDARD_LIMIT, min: 0, max: 1, value: (fn) => fn.armMinOverStandard },
    { title: 'arm-min ÷ SDK floor, import', limit: ARM_MIN_OVER_FLOOR_LIMIT, min: 0.6, max: 2, value: (fn) => fn.profiles[ARM_MIN]?.overFloor },
    ...(report.functions.some((fn) => fn.compileCache) ? [{ title: 'compile cache ÷ arm-min, import', min: 0.2, max: 1.4, value: (fn: FunctionReport) => fn.compileCache?.overArmMin }] : []),
  ];
  const left = 130;
  const panelWidth = 230;
  const gap = 30;
  const top = 70;
  const rowHeight = 22;
  const height = top + report.functions.length * rowHeight + 40;
  const width = left + panels.length * (panelWidth + gap);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="10" y="20" font-size="14" font-weight="bold">Cold start: paired import-time ratios, median and 95 % bootstrap interval of ${report.runs} rounds</text>`,
    `<text x="10" y="38" fill="#555">Node ${escapeXml(report.environment.node)} on ${escapeXml(report.environment.arch)} (${report.environment.cpus} × ${escapeXml(report.environment.cpu)}). Dot and thick line: wall time; grey below: CPU time; dashed: target; red: upper end over it.</text>`,
  ];
  report.functions.forEach((fn, i) => parts.push(`<text x="${left - 8}" y="${top + i * rowHeight + 14}" text-anchor="end">${escapeXml(short(fn.logicalId))}</text>`));
  panels.forEach((panel, p) => {
    const x0 = left + p * (panelWidth + gap);
    const scale = (value: number): number => x0 + ((Math.min(Math.max(value, panel.min), panel.max) - panel.min) / (panel.max - panel.min)) * panelWidth;
    parts.push(`<text x="${x0}" y="${top - 12}" font-weight="bold">${escapeXml(panel.title)}</text>`);
    for (let tick = panel.min; tick <= panel.max + 1e-9; tick += panel.max - panel.min > 1.2 ? 0.4 : 0.2) {
      const x = scale(tick).toFixed(1);
      parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 30}" stroke="#eee"/><text x="${x}" y="${height - 16}" text-anchor="middle" fill="#777">${tick.toFixed(1)}</text>`);
    }
    if (panel.limit !== undefined) {
      const x = scale(panel.limit).toFixed(1);
      parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 30}" stroke="#c00" stroke-dasharray="4 3"/>`);
    }
    report.functions.forEach((fn, i) => {
      const ratios = panel.value(fn);
      const y = top + i * rowHeight + 7;
      const cpu = ratios?.cpu;
      if (cpu) {
        parts.push(`<line x1="${scale(cpu.low).toFixed(1)}" y1="${y + 7}" x2="${scale(cpu.high).toFixed(1)}" y2="${y + 7}" stroke="#aaa" stroke-width="1.5"/>`);
        parts.push(`<circle cx="${scale(cpu.median).toFixed(1)}" cy="${y + 7}" r="2.5" fill="#aaa"/>`);
      }
      const wall = ratios?.wall;
      if (!wall) return;
      const color = panel.limit === undefined || wall.high <= panel.limit ? '#4e79a7' : '#e15759';
      parts.push(`<line x1="${scale(wall.low).toFixed(1)}" y1="${y}" x2="${scale(wall.high).toFixed(1)}" y2="${y}" stroke="${color}" stroke-width="2.5"/>`);
      parts.push(`<circle cx="${scale(wall.median).toFixed(1)}" cy="${y}" r="3.5" fill="${color}"/>`);
    });
  });
  parts.push('</svg>', '');
  return parts.join('\n');
};
