/**
 * Imported before anything else by the load and chaos CLIs (in-process handlers): the handlers' Powertools Logger and Metrics read these when
 * their module loads, and a run of thousands of orders would otherwise print every log line and EMF blob.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_SERVICE_NAME ??= 'sam-order-workflow';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'OrderWorkflow';

/**
 * Powertools Metrics warns on every invocation that adds no metric, disabled or not, through its own console
 * (not the Logger, so the SILENT level does not apply); thousands of those would drown the run's progress.
 */
const EMPTY_METRICS_WARNING = 'No application metrics to publish.';
const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
process.stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
  typeof chunk === 'string' && chunk.startsWith(EMPTY_METRICS_WARNING) ? true : write(chunk, ...rest)) as typeof process.stderr.write;

export {};
