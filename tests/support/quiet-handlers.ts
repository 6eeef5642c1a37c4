/**
 * Imported first by tests that run the local stack in-process: the handlers' Powertools Logger and Metrics read
 * their settings when their module loads, so silence them before that (Metrics would print EMF lines to stdout).
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
