/** `orders history` for people: a header, one row per state visit, and the failure spelled out. */
import type { Timeline, TimelineStep } from '../core/timeline';
import { formatDuration, formatOffset, formatTimeOfDay, formatTimestamp, plain, type Style } from './format';
import { renderTable } from './table';

export const FAIL_MARK = '✗';
export const OK_MARK = '✓';

const resultText = (step: TimelineStep, style: Style, failure: Timeline['failure']): string => {
  const error = step.error ? ` ${step.error}` : '';
  switch (step.result) {
    case 'succeeded':
      // The state worked but decided the order's fate (ValidateOrder rejecting it): say so on its row.
      return step.failurePoint && failure ? style.red(`${FAIL_MARK} ${failure.error}`) : style.green(OK_MARK);
    case 'caught':
      return style.red(`${FAIL_MARK} caught${error}`) + (step.next ? ` → ${step.next}` : '');
    case 'failed':
      return style.red(`${FAIL_MARK} failed${error}`);
    case 'aborted':
      return style.yellow('aborted (cancelled)');
    case 'ended':
      return step.stateType === 'Succeed' ? style.green(`${OK_MARK} end`) : style.red(`${FAIL_MARK} fail state`);
    case 'running':
      return style.yellow('running…');
  }
};

const statusText = (timeline: Timeline, style: Style): string => {
  const { status } = timeline.execution;
  if (status === 'SUCCEEDED') return style.green(`${OK_MARK} ${status}`);
  if (status === 'RUNNING') return style.yellow(status);
  return style.red(`${FAIL_MARK} ${status}`);
};

const ONE_LINE_JSON = 100;

/** Short values on one line, longer ones pretty-printed under their label. */
const dataLines = (label: string, value: unknown): string[] => {
  if (value === undefined) return [];
  const compact = JSON.stringify(value) ?? 'undefined';
  const json = compact.length <= ONE_LINE_JSON ? compact : (JSON.stringify(value, null, 2) ?? compact);
  const [first = '', ...rest] = json.split('\n');
  return [`      ${label} ${first}`, ...rest.map((line) => `      ${' '.repeat(label.length)} ${line}`)];
};

export const renderTimeline = (timeline: Timeline, { style = plain, includeData = false }: { style?: Style; includeData?: boolean } = {}): string => {
  const { execution, failure, steps } = timeline;
  const lines = [
    `Order      ${style.bold(execution.orderId)}`,
    `Execution  ${execution.executionArn}`,
    `Status     ${statusText(timeline, style)}   started ${formatTimestamp(execution.startedAt)}` +
      (execution.stoppedAt !== undefined ? `   took ${formatDuration(execution.durationMs)}` : ''),
  ];
  if (failure) {
    const attempts = failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
    lines.push(`Failed at  ${style.red(`${FAIL_MARK} ${failure.state}`)}${attempts}: ${style.bold(failure.error)}`);
  }
  lines.push('');

  const rows = steps.map((step) => [
    step.failurePoint ? style.red(FAIL_MARK) : '',
    formatTimeOfDay(step.startedAt),
    formatOffset(step.offsetMs),
    formatDuration(step.durationMs),
    `${'  '.repeat(step.depth)}${step.failurePoint ? style.bold(step.state) : step.state}`,
    String(step.attempts),
    resultText(step, style, failure),
  ]);
  const table = renderTable(
    [{ header: '' }, { header: 'START' }, { header: 'OFFSET', align: 'right' }, { header: 'DURATION', align: 'right' }, { header: 'STATE' }, { header: 'ATTEMPTS', align: 'right' }, { header: 'RESULT' }],
    rows,
  );
  lines.push(table[0] ?? '');
  steps.forEach((step, index) => {
    lines.push(table[index + 1] ?? '');
    for (const retry of step.retries) {
      lines.push(style.dim(`      retry: attempt ${retry.attempt} at ${formatOffset(retry.at - execution.startedAt)}${retry.error ? ` after ${retry.error}` : ''}`));
    }
    if (includeData) lines.push(...dataLines('input: ', step.input), ...dataLines('output:', step.output));
  });

  if (failure) {
    lines.push(
      '',
      style.red(`${FAIL_MARK} Failed state  ${failure.state} (${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'})`),
      `  Error         ${failure.error}`,
      `  Cause         ${failure.cause || '—'}`,
    );
  }
  if (execution.error && (!failure || execution.error !== failure.error)) {
    lines.push(`  Execution     ${execution.error}${execution.cause ? `: ${execution.cause}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
};
