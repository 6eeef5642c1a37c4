/**
 * The dashboard's figures: the report is `buildReport` over the histories `orders report` reads, with the same
 * extras (DLQ depths, CloudWatch sums) as src/cli/commands/report.ts; finished histories are read once
 * (report-histories.ts). The time series only buckets those histories.
 */
import { buildReport, type CloudWatchSums } from '../../cli/core/report';
import type { ExecutionHistory } from '../../cli/core/history';
import { silentProgress } from '../../shared/progress';
import type { DashboardData, SeriesPoint } from '../shared/api';
import type { ConsoleBackend } from './backend';
import type { ReportHistories } from './report-histories';

const TARGET_BUCKETS = 48;
const MIN_BUCKET_MS = 1000;

const buildSeries = (histories: readonly ExecutionHistory[], since: number, until: number): { series: SeriesPoint[]; bucketMs: number } => {
  const first = histories.reduce((min, h) => Math.min(min, h.startedAt), until);
  const start = Math.max(since, first);
  const bucketMs = Math.max(MIN_BUCKET_MS, Math.ceil((until - start) / TARGET_BUCKETS));
  const buckets = Math.max(1, Math.ceil((until - start) / bucketMs) + 1);
  const series: SeriesPoint[] = Array.from({ length: buckets }, (_, i) => ({ t: start + i * bucketMs, started: 0, succeeded: 0, failed: 0 }));
  const at = (time: number): SeriesPoint | undefined => series[Math.min(buckets - 1, Math.max(0, Math.floor((time - start) / bucketMs)))];
  for (const h of histories) {
    const started = at(h.startedAt);
    if (started) started.started += 1;
    if (h.status === 'RUNNING' || h.stoppedAt === undefined) continue;
    const ended = at(h.stoppedAt);
    if (!ended) continue;
    if (h.status === 'SUCCEEDED') ended.succeeded += 1;
    else ended.failed += 1;
  }
  return { series, bucketMs };
};

export const buildDashboard = async (backend: ConsoleBackend, kept: ReportHistories, since: number, until: number): Promise<DashboardData> => {
  const source = backend.source;
  const executions = await source.listExecutions({ since }, silentProgress);
  const histories = await kept.of(executions);
  const [dlq, cloudWatch, functions] = await Promise.all([
    source.dlqDepths(),
    source.cloudWatchSums({ since, until }).catch((): CloudWatchSums[] => []),
    backend.functionFigures({ since, until }),
  ]);
  const report = buildReport(histories, { source: source.description, since, until, dlq, cloudWatch });
  return { report, ...buildSeries(histories, since, until), functions };
};
