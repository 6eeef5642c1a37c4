/**
 * The CloudWatch dashboard and the alarms: the dashboard body is valid JSON once CloudFormation has substituted its
 * variables, and every metric, dimension and log group it names exists in the template (or is emitted by the code,
 * for the business metrics), so a renamed resource or metric cannot leave an empty graph behind.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MetricNames } from '../../src/observability/metric-names';
import {
  allStates,
  asArray,
  asRecord,
  functionIds,
  globalFunction,
  idsOfType,
  isGetAtt,
  isKnownSubVariable,
  isRef,
  propsOf,
  resource,
  ROOT,
  subText,
  subVariables,
  type Props,
} from './template-fixture';

const body = subText(propsOf('OrdersDashboard').DashboardBody);
if (body === undefined) throw new Error('DashboardBody must be a one-argument !Sub of a JSON string');

const SAMPLE_VALUES: Record<string, string> = { 'AWS::Region': 'eu-west-1', 'AWS::StackName': 'sam-order-workflow', 'AWS::AccountId': '123456789012' };
/** The body as CloudFormation would deliver it, with sample values for every variable. */
const rendered = body.replace(/\$\{([^}]+)\}/g, (_, name: string) => SAMPLE_VALUES[name] ?? `sample-${name.replace(/\W/g, '-')}`);
/** The body with the variables left as `${Name}` strings, which is valid JSON too and shows what each value refers to. */
const dashboard = JSON.parse(body) as { widgets: { type: string; properties: Props }[] };

type MetricLine = { namespace: string; name: string; dimensions: Record<string, string>; options: Props };
const metricWidgets = dashboard.widgets.filter((w) => w.type === 'metric');
const metricLines = (widget: { properties: Props }): MetricLine[] =>
  asArray(widget.properties.metrics)
    .map((line) => asArray(line))
    .filter((line) => typeof line[0] === 'string')
    .map((line) => {
      const options = typeof line.at(-1) === 'object' ? asRecord(line.at(-1)) : {};
      const [namespace, name, ...rest] = (typeof line.at(-1) === 'object' ? line.slice(0, -1) : line).map(String);
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < rest.length; i += 2) dimensions[rest[i] ?? ''] = rest[i + 1] ?? '';
      return { namespace: namespace ?? '', name: name ?? '', dimensions, options };
    });
const allLines = metricWidgets.flatMap(metricLines);
const expressions = metricWidgets.flatMap((w) =>
  asArray(w.properties.metrics)
    .map((line) => asArray(line)[0])
    .filter((first) => typeof first === 'object')
    .map((first) => ({ widget: w, expression: String(asRecord(first).expression ?? '') })),
);
const linesOf = (namespace: string, name: string) => allLines.filter((l) => l.namespace === namespace && l.name === name);
/** `${FunctionLogicalId}` → FunctionLogicalId. */
const variableIn = (value: string): string | undefined => /^\$\{([^}]+)\}$/.exec(value)?.[1];

describe('dashboard body', () => {
  it('is valid JSON after CloudFormation substitutes its variables', () => {
    expect(() => JSON.parse(rendered)).not.toThrow();
    expect(dashboard.widgets.length).toBeGreaterThan(5);
  });

  it('substitutes only parameters, pseudo parameters and resources of this template', () => {
    const unknown = subVariables(body).filter((v) => !isKnownSubVariable(v));
    expect(unknown).toEqual([]);
  });

  it('uses only the namespaces of this stack: Step Functions, Lambda, API Gateway, SQS and the business namespace', () => {
    const namespaces = new Set(allLines.map((l) => l.namespace));
    expect([...namespaces].sort()).toEqual(['${MetricsNamespace}', 'AWS/ApiGateway', 'AWS/Lambda', 'AWS/SQS', 'AWS/States'].sort());
  });

  it('shows executions started, succeeded, failed, timed out and aborted for the state machine', () => {
    for (const name of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect({ name, shown: linesOf('AWS/States', name).length > 0 }).toEqual({ name, shown: true });
    }
    for (const line of allLines.filter((l) => l.namespace === 'AWS/States')) {
      expect(line.dimensions).toEqual({ StateMachineArn: '${OrderStateMachine}' });
    }
    expect(resource('OrderStateMachine').Type).toBe('AWS::Serverless::StateMachine');
  });

  it('computes the success rate with metric math over metrics of the same widget', () => {
    const rate = expressions.find((e) => /succeeded/i.test(String(e.expression)) && /failed/i.test(String(e.expression)));
    expect(rate).toBeDefined();
    const ids = metricLines(rate?.widget ?? { properties: {} }).map((l) => l.options.id);
    for (const id of String(rate?.expression).match(/\b[a-z]\w*\b/g)?.filter((word) => word !== 'FILL') ?? []) expect(ids).toContain(id);
  });

  it('shows ExecutionTime p50, p90 and p99', () => {
    const stats = linesOf('AWS/States', 'ExecutionTime').map((l) => l.options.stat);
    expect(stats.sort()).toEqual(['p50', 'p90', 'p99']);
  });

  it('shows errors, throttles, duration and concurrency of every function, by its FunctionName', () => {
    const functions = functionIds().map((id) => `\${${id}}`).sort();
    for (const name of ['Errors', 'Throttles', 'Duration', 'ConcurrentExecutions']) {
      const shown = linesOf('AWS/Lambda', name).map((l) => l.dimensions.FunctionName).sort();
      expect({ name, shown }).toEqual({ name, shown: functions });
    }
    for (const line of allLines.filter((l) => l.namespace === 'AWS/Lambda')) expect(Object.keys(line.dimensions)).toEqual(['FunctionName']);
  });

  it("shows API 4xx, 5xx and latency under the API's name and stage", () => {
    const api = propsOf('OrdersApi');
    for (const name of ['4XXError', '5XXError', 'Latency']) expect({ name, shown: linesOf('AWS/ApiGateway', name).length > 0 }).toEqual({ name, shown: true });
    for (const line of allLines.filter((l) => l.namespace === 'AWS/ApiGateway')) {
      expect(line.dimensions.ApiName).toBe(subText(api.Name));
      expect(variableIn(line.dimensions.Stage ?? '')).toBe(asRecord(api.StageName).Ref);
    }
  });

  it('shows the payment queue depth, the age of its oldest message and the DLQ depth', () => {
    const depth = linesOf('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map((l) => l.dimensions.QueueName);
    expect(depth).toEqual(expect.arrayContaining(['${PaymentQueue.QueueName}', '${PaymentDlq.QueueName}']));
    expect(linesOf('AWS/SQS', 'ApproximateAgeOfOldestMessage').map((l) => l.dimensions.QueueName)).toEqual(['${PaymentQueue.QueueName}']);
    for (const line of allLines.filter((l) => l.namespace === 'AWS/SQS')) {
      const queue = /^\$\{(\w+)\.QueueName\}$/.exec(line.dimensions.QueueName ?? '')?.[1];
      expect(resource(String(queue)).Type).toBe('AWS::SQS::Queue');
    }
  });
});

describe('business metrics on the dashboard', () => {
  const business = allLines.filter((l) => l.namespace === '${MetricsNamespace}');
  const searches = expressions.map((e) => e.expression).filter((e) => e.startsWith('SEARCH('));

  it('reads the namespace the functions write to, with the service dimension Powertools adds', () => {
    const environment = asRecord(asRecord(globalFunction().Environment).Variables);
    expect(isRef(environment.POWERTOOLS_METRICS_NAMESPACE, 'MetricsNamespace')).toBe(true);
    expect(isRef(environment.POWERTOOLS_SERVICE_NAME, 'AWS::StackName')).toBe(true);
    for (const line of business) expect(line.dimensions).toEqual({ service: '${AWS::StackName}' });
    for (const search of searches) expect(search).toContain('service="${AWS::StackName}"');
  });

  it('shows every metric of src/observability/metric-names.ts, and no other', () => {
    const shown = [...business.map((l) => l.name), ...searches.flatMap((s) => [...s.matchAll(/MetricName="(\w+)"/g)].map((m) => m[1]))];
    expect([...new Set(shown)].sort()).toEqual(Object.values(MetricNames).sort());
  });

  it('shows OrderFailed by its reason dimension', () => {
    const failed = searches.find((s) => s.includes('MetricName="OrderFailed"'));
    expect(failed).toMatch(/\{\$\{MetricsNamespace\},reason,service\}/);
  });

  it('names only metrics that the handlers emit', () => {
    const sources = sourceFiles(join(ROOT, 'src')).filter((file) => !file.endsWith('metric-names.ts')).map((file) => readFileSync(file, 'utf8')).join('\n');
    for (const name of Object.keys(MetricNames)) {
      expect({ name, emitted: sources.includes(`MetricNames.${name}`) }).toEqual({ name, emitted: true });
    }
  });
});

describe('failure analysis (Logs Insights)', () => {
  const logWidgets = dashboard.widgets.filter((w) => w.type === 'log');
  const loggedTo = asArray(asRecord(propsOf('OrderStateMachine').Logging).Destinations).map((d) => asRecord(asRecord(asRecord(d).CloudWatchLogsLogGroup).LogGroupArn));

  it("queries the state machine's own log group", () => {
    expect(logWidgets.length).toBeGreaterThan(0);
    expect(loggedTo.some((arn) => isGetAtt(arn, 'StateMachineLogGroup', 'Arn'))).toBe(true);
    for (const widget of logWidgets) expect(String(widget.properties.query)).toMatch(/^SOURCE '\$\{StateMachineLogGroup\}' \|/);
  });

  it('finds every state that tags a failure, and maps it back to the failed state the tag names', () => {
    // The Pass states that tag failures put ['<FailedState>', error, cause] in $.caught.Cause.
    const taggers = allStates()
      .filter(([, s]) => s.Type === 'Pass')
      .map(([name, s]) => ({ name, tagged: /States\.Array\('(\w+)'/.exec(String(asRecord(s.Parameters)['Cause.$']))?.[1] }))
      .filter((t) => t.tagged !== undefined);
    expect(taggers.length).toBeGreaterThan(3);
    for (const widget of logWidgets) {
      const query = String(widget.properties.query);
      const matches = (name: string) => /Failed$/.test(name) || query.includes(`details.name = '${name}'`);
      const mapped = (name: string) => name.replace('PaymentTimedOut', 'ProcessPayment').replace('Failed', '');
      expect(query).toContain("replace(replace(details.name, 'PaymentTimedOut', 'ProcessPayment'), 'Failed', '')");
      for (const { name, tagged } of taggers) expect({ name, matches: matches(name), state: mapped(name) }).toEqual({ name, matches: true, state: tagged });
      expect(query).toContain('failedState');
      expect(query).toContain('error');
    }
  });
});

describe('alarms', () => {
  const alarms = idsOfType('AWS::CloudWatch::Alarm').map((id) => ({ id, props: propsOf(id) }));
  /** Every metric an alarm watches: the single metric, or each MetricStat of a metric-math alarm. */
  const watched = alarms.flatMap(({ id, props }) => {
    const single = props.MetricName ? [{ Namespace: props.Namespace, MetricName: props.MetricName, Dimensions: props.Dimensions }] : [];
    const math = asArray(props.Metrics).map((m) => asRecord(asRecord(asRecord(m).MetricStat).Metric)).filter((m) => m.MetricName);
    return [...single, ...math].map((metric) => ({ id, metric: asRecord(metric) }));
  });
  const dimension = (metric: Props, name: string) => asRecord(asArray(metric.Dimensions).map(asRecord).find((d) => d.Name === name)).Value;
  const watching = (namespace: string, name: string) => watched.filter(({ metric }) => metric.Namespace === namespace && metric.MetricName === name);

  it('watch failed and timed-out executions of the state machine', () => {
    for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      const found = watching('AWS/States', name);
      expect({ name, count: found.length > 0 }).toEqual({ name, count: true });
      for (const { metric } of found) expect(isRef(dimension(metric, 'StateMachineArn'), 'OrderStateMachine')).toBe(true);
    }
  });

  it('watch the dead-letter queue', () => {
    const found = watching('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    expect(found.map(({ metric }) => dimension(metric, 'QueueName'))).toEqual([{ 'Fn::GetAtt': ['PaymentDlq', 'QueueName'] }]);
  });

  it("watch API 5xx under the API's name and stage", () => {
    const [found] = watching('AWS/ApiGateway', '5XXError');
    expect(found).toBeDefined();
    expect(dimension(found?.metric ?? {}, 'ApiName')).toEqual(propsOf('OrdersApi').Name);
    expect(dimension(found?.metric ?? {}, 'Stage')).toEqual(propsOf('OrdersApi').StageName);
  });

  it('watch the Errors of every function', () => {
    const watchedFunctions = watching('AWS/Lambda', 'Errors').map(({ metric }) => asRecord(dimension(metric, 'FunctionName')).Ref);
    expect(watchedFunctions.sort()).toEqual(functionIds().sort());
  });

  it('use metric math only over metrics they define', () => {
    for (const { id, props } of alarms) {
      const queries = asArray(props.Metrics).map(asRecord);
      const ids = queries.map((q) => q.Id);
      for (const expression of queries.map((q) => q.Expression).filter(Boolean)) {
        const words = String(expression).match(/\b[a-z]\w*\b/g) ?? [];
        for (const word of words) expect({ id, word, defined: ids.includes(word) }).toEqual({ id, word, defined: true });
      }
      if (queries.length > 0) expect({ id, returned: queries.filter((q) => q.ReturnData === true).length }).toEqual({ id, returned: 1 });
    }
  });

  it('notify the alarm topic, and all appear on the dashboard', () => {
    for (const { id, props } of alarms) {
      expect({ id, actions: props.AlarmActions }).toEqual({ id, actions: [{ Ref: 'AlarmTopic' }] });
    }
    const alarmWidget = dashboard.widgets.find((w) => w.type === 'alarm');
    expect(asArray(alarmWidget?.properties.alarms).sort()).toEqual(alarms.map(({ id }) => `\${${id}.Arn}`).sort());
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}
