/**
 * One Logger and one Metrics per container, configured from the POWERTOOLS_* environment (service name,
 * log level, metrics namespace) so that the template, not the code, decides them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { redactLogValue } from './redact';

export const logger = new Logger({ jsonReplacerFn: redactLogValue });

const EMPTY_METRICS_NOTICE = 'No application metrics to publish';

/**
 * Metrics' own messages go through the Logger, so its level and the local stack's --quiet apply to them. Most
 * task invocations record no business metric by design, so the "nothing to publish" notice is DEBUG here rather
 * than a WARN line on nearly every invocation; every other Metrics warning stays a warning.
 */
const metricsLogger = {
  debug: (...content: unknown[]) => logger.debug(String(content[0] ?? ''), ...content.slice(1).map((c) => ({ detail: c }))),
  info: (...content: unknown[]) => logger.info(String(content[0] ?? ''), ...content.slice(1).map((c) => ({ detail: c }))),
  warn: (...content: unknown[]) => {
    const message = String(content[0] ?? '');
    if (message.startsWith(EMPTY_METRICS_NOTICE)) logger.debug(message);
    else logger.warn(message, ...content.slice(1).map((c) => ({ detail: c })));
  },
  error: (...content: unknown[]) => logger.error(String(content[0] ?? ''), ...content.slice(1).map((c) => ({ detail: c }))),
};

export const metrics = new Metrics({ logger: metricsLogger });
