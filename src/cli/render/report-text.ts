/** `orders report` for people. */
import { OUTCOMES, type Report } from '../core/report';
import { EXECUTION_STATUSES } from '../core/history';
import { formatDuration, formatPercent, oneLine, plain, type Style } from './format';
import { renderTable } from './table';
import { FAIL_MARK } from './timeline-text';

const share = (count: number, total: number): string => (total === 0 ? '' : formatPercent(count / total));

export const renderReport = (report: Report, style: Style = plain): string => {
  const { executions, failures, retries, compensations } = report;
  const lines = [
    style.bold('Order workflow report'),
    `Source        ${report.source}`,
    `Window        ${report.window.since ?? 'all time'} → ${report.window.until}`,
    `Executions    ${executions.total} (${executions.finished} finished, ${executions.byStatus.RUNNING} running)`,
    `By status     ${EXECUTION_STATUSES.filter((status) => status !== 'RUNNING').map((status) => `${status} ${executions.byStatus[status]}`).join(' · ')}`,
    '',
    ...renderTable(
      [{ header: 'OUTCOME' }, { header: 'COUNT', align: 'right' }, { header: 'SHARE', align: 'right' }],
      OUTCOMES.filter((outcome) => outcome !== 'RUNNING').map((outcome) => [outcome, String(executions.byOutcome[outcome]), share(executions.byOutcome[outcome], executions.total)]),
      '  ',
    ),
    '',
    `Success rate  ${style.bold(formatPercent(report.successRate))}` +
      (executions.finished > 0 ? ` (${executions.byStatus.SUCCEEDED} of ${executions.finished} finished executions succeeded)` : ''),
    report.durationMs
      ? `Duration      p50 ${formatDuration(report.durationMs.p50)}   p90 ${formatDuration(report.durationMs.p90)}   p99 ${formatDuration(report.durationMs.p99)}` +
        `   (min ${formatDuration(report.durationMs.min)}, max ${formatDuration(report.durationMs.max)}, ${report.durationMs.count} finished)`
      : 'Duration      — (no finished execution)',
    '',
  ];

  if (failures.groups.length === 0) {
    lines.push('Failures      none');
  } else {
    lines.push(style.bold(`Failures by state and error (${failures.total})`));
    lines.push(
      ...renderTable(
        [{ header: '' }, { header: 'STATE' }, { header: 'ERROR' }, { header: 'COUNT', align: 'right' }, { header: 'SHARE', align: 'right' }, { header: 'LAST CAUSE' }],
        failures.groups.map((group) => [
          style.red(FAIL_MARK),
          group.state,
          style.red(group.error),
          String(group.count),
          formatPercent(group.share),
          oneLine(group.lastCause, 80),
        ]),
        '  ',
      ),
    );
  }
  lines.push('');

  lines.push(`Retries       ${retries.total} in ${retries.executions} execution${retries.executions === 1 ? '' : 's'}`);
  if (retries.groups.length > 0) {
    lines.push(
      ...renderTable(
        [{ header: 'STATE' }, { header: 'ERROR' }, { header: 'RETRIES', align: 'right' }],
        retries.groups.map((group) => [group.state, group.error, String(group.count)]),
        '  ',
      ),
    );
  }
  lines.push(
    `Compensations ${compensations.executions} execution${compensations.executions === 1 ? '' : 's'} entered Compensate` +
      (compensations.failed > 0 ? style.red(`, ${compensations.failed} of them failed to compensate`) : ', all compensated'),
  );
  if (report.dlq.length === 0) lines.push('DLQ depth     unknown');
  for (const dlq of report.dlq) {
    const depth = dlq.depth > 0 ? style.red(String(dlq.depth)) : style.green('0');
    lines.push(`DLQ depth     ${depth} (${dlq.queue})`);
  }
  for (const metrics of report.cloudWatch) {
    lines.push('', style.bold(`CloudWatch sums over the window (${metrics.namespace})`));
    lines.push(
      ...renderTable(
        [{ header: 'METRIC' }, { header: 'SUM', align: 'right' }],
        Object.entries(metrics.sums).map(([name, sum]) => [name, String(sum)]),
        '  ',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
};
