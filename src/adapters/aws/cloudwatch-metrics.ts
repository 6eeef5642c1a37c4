/** Sums of CloudWatch metrics over a time window, for `orders report` on AWS. */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export interface CloudWatchMetricsOptions {
  client: CloudWatchClient;
  namespace: string;
}

export interface MetricSumsQuery {
  metricNames: readonly string[];
  start: Date;
  end: Date;
  /** Dimensions every metric was published with (Powertools adds `service`). */
  dimensions?: Readonly<Record<string, string>>;
}

const MIN_PERIOD_SECONDS = 60;

/** One period spanning the window (a multiple of 60 s, as GetMetricData requires), so each metric is one sum. */
const periodFor = (start: Date, end: Date): number =>
  Math.max(MIN_PERIOD_SECONDS, Math.ceil((end.getTime() - start.getTime()) / 1000 / MIN_PERIOD_SECONDS) * MIN_PERIOD_SECONDS);

export class CloudWatchMetrics {
  private readonly client: CloudWatchClient;
  private readonly namespace: string;

  constructor({ client, namespace }: CloudWatchMetricsOptions) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The sum of each metric over `[start, end)`; metrics without data count 0. */
  async sums({ metricNames, start, end, dimensions = {} }: MetricSumsQuery): Promise<Map<string, number>> {
    const period = periodFor(start, end);
    const queries: MetricDataQuery[] = metricNames.map((metricName, index) => ({
      Id: `m${index}`,
      MetricStat: {
        Metric: {
          Namespace: this.namespace,
          MetricName: metricName,
          Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
        },
        Period: period,
        Stat: 'Sum',
      },
      ReturnData: true,
    }));
    const sums = new Map<string, number>(metricNames.map((name) => [name, 0]));
    let nextToken: string | undefined;
    do {
      const output = await this.client.send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end, ...(nextToken && { NextToken: nextToken }) }),
      );
      for (const result of output.MetricDataResults ?? []) {
        const name = metricNames[Number(result.Id?.slice(1))];
        if (name === undefined) continue;
        sums.set(name, (sums.get(name) ?? 0) + (result.Values ?? []).reduce((total, value) => total + value, 0));
      }
      nextToken = output.NextToken;
    } while (nextToken);
    return sums;
  }
}
