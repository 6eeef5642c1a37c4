import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { CloudWatchMetrics } from '../../../src/adapters/aws/cloudwatch-metrics';

const cloudWatch = mockClient(CloudWatchClient);
const metrics = new CloudWatchMetrics({ client: new CloudWatchClient({ region: 'us-east-1' }), namespace: 'OrderWorkflow' });
const start = new Date('2025-06-01T00:00:00.000Z');
const end = new Date('2025-06-01T01:00:30.000Z');

beforeEach(() => cloudWatch.reset());

describe('CloudWatchMetrics.sums', () => {
  it('asks for the Sum of each metric over one period covering the window', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    await metrics.sums({ metricNames: ['OrdersCreated', 'OrdersFailed'], start, end, dimensions: { service: 'orders' } });

    const metric = (MetricName: string) => ({
      Namespace: 'OrderWorkflow',
      MetricName,
      Dimensions: [{ Name: 'service', Value: 'orders' }],
    });
    expect(cloudWatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      StartTime: start,
      EndTime: end,
      MetricDataQueries: [
        { Id: 'm0', MetricStat: { Metric: metric('OrdersCreated'), Period: 3660, Stat: 'Sum' }, ReturnData: true },
        { Id: 'm1', MetricStat: { Metric: metric('OrdersFailed'), Period: 3660, Stat: 'Sum' }, ReturnData: true },
      ],
    });
  });

  it('adds up every value across pages, and counts metrics without data as 0', async () => {
    cloudWatch
      .on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'm0', Values: [3, 2] }], NextToken: 'next' })
      .resolvesOnce({ MetricDataResults: [{ Id: 'm0', Values: [1] }, { Id: 'm1', Values: [] }] });

    const sums = await metrics.sums({ metricNames: ['OrdersCreated', 'OrdersFailed', 'OrdersCompleted'], start, end });

    expect(Object.fromEntries(sums)).toEqual({ OrdersCreated: 6, OrdersFailed: 0, OrdersCompleted: 0 });
    expect(cloudWatch).toHaveReceivedNthSpecificCommandWith(2, GetMetricDataCommand, { NextToken: 'next' });
  });

  it('uses at least a one-minute period', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({});

    await metrics.sums({ metricNames: ['OrdersCreated'], start, end: new Date(start.getTime() + 5_000) });

    expect(cloudWatch.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.[0]?.MetricStat?.Period).toBe(60);
  });
});
