/**
 * One Logger and one Metrics per container, configured from the POWERTOOLS_* environment (service name,
 * log level, metrics namespace) so that the template, not the code, decides them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { redactLogValue } from './redact';

export const logger = new Logger({ jsonReplacerFn: redactLogValue });
// Metrics' own warnings (e.g. "No application metrics to publish") go through the Logger, so its level and the
// local stack's --quiet apply to them too; the EMF records themselves still go straight to stdout.
export const metrics = new Metrics({ logger });
