/**
 * Jest setupFile: the POWERTOOLS_* settings that the template's Globals give every function, so the shared
 * Logger and Metrics behave in tests as they do in Lambda (and Metrics does not warn about a missing namespace).
 */
process.env.POWERTOOLS_SERVICE_NAME ??= 'sam-order-workflow';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'OrderWorkflow';
process.env.POWERTOOLS_LOG_LEVEL ??= 'INFO';
