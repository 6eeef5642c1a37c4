/** The cold-start report as a console table, a Markdown document and an SVG bar chart. */
import { ARM_MIN, KB, LAMBDA_PERF_FLOOR_MS, STANDARD, type ColdStartReport, type Measure, type ProfileMeasure } from './report';

const kb = (bytes: number): string => (bytes / KB).toFixed(1);
const ms = (value: number): string => value.toFixed(1);
const times = (value: number | undefined): string => (value === undefined ? '–' : `${value.toFixed(2)}×`);

const HEADERS = [
  'Function',
  'Profile',
  'Bundle KB',
  'gzip KB',
  'Init KB',
  'Import p50',
  'p90',
  'min',
  'CPU p50',
  'First invoke p50',
  'p90',
  'RSS MB',
  'SDK floor p50',
  '÷ floor',
  'arm-min ÷ std',
];

type Row = string[];

const measureCells = (m: Measure): string[] => [
  kb(m.bytes),
  kb(m.gzipBytes),
  kb(m.initBytes),
  ms(m.importMsP50),
  ms(m.importMsP90),
  ms(m.importMsMin),
  ms(m.importCpuMsP50),
  ms(m.firstInvokeMsP50),
  ms(m.firstInvokeMsP90),
  (m.maxRssKbP50 / 1024).toFixed(1),
];

export const tableRows = (report: ColdStartReport): Row[] => {
  const rows: Row[] = [];
  for (const [profile, m] of Object.entries(report.empty)) rows.push(['(empty handler)', profile, ...measureCells(m), '', '', '']);
  for (const fn of report.functions) {
    for (const [profile, m] of Object.entries(fn.profiles) as [string, ProfileMeasure][]) {
      const armMinRatio = profile === ARM_MIN ? times(fn.ratios.importArmMinOverStandard) : '';
      rows.push([fn.logicalId, profile, ...measureCells(m), ms(m.floor.importMsP50), times(fn.ratios.importOverFloor[profile]), armMinRatio]);
    }
  }
  return rows;
};

export const textTable = (report: ColdStartReport): string => {
  const rows = [HEADERS, ...tableRows(report)];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: Row): string =>
    row
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
};

export const targetLines = (report: ColdStartReport): string[] => {
  const byTarget = new Map<string, typeof report.targets>();
  for (const check of report.targets) byTarget.set(check.target, [...(byTarget.get(check.target) ?? []), check]);
  return [...byTarget].map(([target, checks]) => {
    const failed = checks.filter((check) => !check.pass);
    const worst = checks.reduce((a, b) => (b.value / b.limit > a.value / a.limit ? b : a));
    const detail = failed.length ? `missed by ${failed.map((c) => `${c.function} ${c.value}`).join(', ')}` : `worst ${worst.function} ${worst.value}`;
    return `${failed.length ? '✗' : '✓'} ${target}: ${checks.length - failed.length}/${checks.length} (${detail})`;
  });
};

const SDK_NAMES: Record<string, string> = { '@aws-sdk/client-dynamodb': 'DynamoDB', '@aws-sdk/client-sfn': 'SFN', '@aws-sdk/client-sns': 'SNS', '@aws-sdk/client-sqs': 'SQS' };

/** The condensed standard-vs-arm-min table the README shows (empty when the run lacks one of the two profiles). */
export const summaryRows = (report: ColdStartReport): string[] => {
  const rows = report.functions.flatMap((fn) => {
    const std = fn.profiles[STANDARD];
    const arm = fn.profiles[ARM_MIN];
    if (!std || !arm) return [];
    const clients = fn.sdkClients.map((name) => SDK_NAMES[name] ?? name.replace('@aws-sdk/client-', '')).join(', ');
    return [
      `| ${fn.logicalId.replace(/Function$/, '')} | ${clients} | ${kb(std.bytes)} | ${kb(arm.bytes)} (${kb(arm.initBytes)}) | ${ms(std.importMsP50)} | ${ms(arm.importMsP50)} | ${times(fn.ratios.importArmMinOverStandard)} | ${ms(arm.floor.importMsP50)} | ${times(fn.ratios.importOverFloor[ARM_MIN])} | ${std.firstInvokeMsP50.toFixed(0)} / ${arm.firstInvokeMsP50.toFixed(0)} |`,
    ];
  });
  const std = report.empty[STANDARD];
  const arm = report.empty[ARM_MIN];
  if (!rows.length || !std || !arm) return [];
  return [
    '| Function | SDK clients | standard KB | arm-min KB (init) | standard import p50 | arm-min import p50 | arm-min ÷ standard | arm-min SDK floor p50 | arm-min ÷ floor | first invoke std / arm-min |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| *(empty handler)* | – | ${kb(std.bytes)} | ${kb(arm.bytes)} | ${ms(std.importMsP50)} | ${ms(arm.importMsP50)} | | | | |`,
  ];
};

/** Predicted Init Duration per function: one column per profile, with its architecture's lambda-perf floor. */
export const predictionRows = (report: ColdStartReport): string[] => {
  const profiles = report.profiles;
  const header = `| Function | ${profiles.map((p) => `${p.name} (${p.architecture}: ${LAMBDA_PERF_FLOOR_MS[p.architecture] ?? '?'} ms + import)`).join(' | ')} |`;
  const rows = report.functions.map((fn) => `| ${fn.logicalId} | ${profiles.map((p) => `${fn.profiles[p.name]?.predictedInitMs ?? '–'} ms`).join(' | ')} |`);
  return [header, `| --- | ${profiles.map(() => '---:').join(' | ')} |`, ...rows];
};

export const markdown = (report: ColdStartReport): string => {
  const { environment: env } = report;
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    `# Cold starts: ${report.functions.length} functions × ${report.profiles.map((p) => p.name).join(', ')}`,
    '',
    `Generated by \`npm run bench:coldstart\` on ${report.generatedAt}: Node ${env.node}, ${env.platform}/${env.arch}, ${env.cpus} × ${env.cpu}; ${report.runs} fresh processes per row (times in ms, p50/p90/min).`,
    '',
    ...report.notes.map((note) => `- ${note}`),
    '',
    ...(summaryRows(report).length ? ['## Summary (the README table)', '', ...summaryRows(report), '', '## All figures', ''] : []),
    row(HEADERS),
    row(HEADERS.map((_, i) => (i < 2 ? '---' : '---:'))),
    ...tableRows(report).map(row),
    '',
    '## Targets',
    '',
    ...targetLines(report).map((line) => `- ${line}`),
    '',
    '## Predicted Init Duration on Lambda',
    '',
    'lambda-perf\'s hello-world Init Duration for Node.js 24 (zip) on the profile\'s architecture, plus the import p50 measured above. The import was measured on this machine\'s CPU, not on Lambda\'s; `npm run bench:coldstart:aws` measures the real thing.',
    '',
    ...predictionRows(report),
    '',
  ].join('\n');
};

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** Horizontal bars of import p50 per function, standard and arm-min, with each profile's SDK floor as a tick. */
export const svgChart = (report: ColdStartReport): string => {
  const colors: Record<string, string> = { [STANDARD]: '#4e79a7', [ARM_MIN]: '#f28e2b' };
  const profiles = report.profiles.map((p) => p.name);
  const rows = [
    { label: '(empty handler)', bars: profiles.map((p) => ({ profile: p, value: report.empty[p]?.importMsP50 ?? 0, floor: undefined as number | undefined })) },
    ...report.functions.map((fn) => ({
      label: fn.logicalId.replace(/Function$/, ''),
      bars: profiles.map((p) => ({ profile: p, value: fn.profiles[p]?.importMsP50 ?? 0, floor: fn.profiles[p]?.floor.importMsP50 })),
    })),
  ];
  const barHeight = 11;
  const rowHeight = profiles.length * barHeight + 12;
  const left = 160;
  const plotWidth = 560;
  const top = 64;
  const height = top + rows.length * rowHeight + 40;
  const max = Math.max(1, ...rows.flatMap((r) => r.bars.flatMap((b) => [b.value, b.floor ?? 0])));
  const scale = (value: number): number => (value / max) * plotWidth;
  const step = max > 200 ? 50 : max > 80 ? 20 : 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + plotWidth + 90}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">Cold start: handler import time, p50 of ${report.runs} fresh Node ${escapeXml(report.environment.node)} processes (ms)</text>`,
    `<text x="10" y="38" fill="#555">Measured on ${escapeXml(report.environment.arch)}: "arm-min" differs by bundle (minified, ES-module SDK, no source maps), not by CPU. Tick = that profile's SDK floor.</text>`,
  ];
  profiles.forEach((p, i) => {
    parts.push(`<rect x="${left + i * 110}" y="46" width="10" height="10" fill="${colors[p] ?? '#999'}"/><text x="${left + i * 110 + 14}" y="55">${escapeXml(p)}</text>`);
  });
  for (let tick = 0; tick <= max; tick += step) {
    const x = (left + scale(tick)).toFixed(1);
    parts.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${height - 30}" stroke="#eee"/><text x="${x}" y="${height - 16}" text-anchor="middle" fill="#777">${tick}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    parts.push(`<text x="${left - 8}" y="${y + (profiles.length * barHeight) / 2 + 4}" text-anchor="end">${escapeXml(r.label)}</text>`);
    r.bars.forEach((b, j) => {
      const by = y + j * barHeight;
      parts.push(`<rect x="${left}" y="${by}" width="${scale(b.value).toFixed(1)}" height="${barHeight - 2}" fill="${colors[b.profile] ?? '#999'}"/>`);
      parts.push(`<text x="${left + scale(b.value) + 4}" y="${by + barHeight - 3}" fill="#333">${b.value.toFixed(0)}</text>`);
      if (b.floor !== undefined) {
        const fx = left + scale(b.floor);
        parts.push(`<line x1="${fx.toFixed(1)}" y1="${by - 1}" x2="${fx.toFixed(1)}" y2="${by + barHeight - 1}" stroke="#000" stroke-width="2"/>`);
      }
    });
  });
  parts.push('</svg>', '');
  return parts.join('\n');
};
