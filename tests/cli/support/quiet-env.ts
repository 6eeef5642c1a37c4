/**
 * Imported first by the CLI tests: the handlers' Logger and Metrics read these when their module loads, and the
 * local stack runs the handlers in this process, so this keeps their JSON lines out of the test output.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
