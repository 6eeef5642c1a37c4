/**
 * `npm run load -- --orders N --concurrency C --target local|<api-url> [...]`: runs the load, prints the
 * report on stdout (progress on stderr) and writes it as JSON with `--json <file>`.
 */
import { writeFile } from 'node:fs/promises';
import { parseLoadOptions, USAGE, type LoadOptions } from './options';

// Locally the handlers run in this process: their logs and EMF metrics would bury the report and cost CPU the
// measurement should not include (on AWS they go to CloudWatch outside the function's time). Powertools reads
// these when the shared Logger and Metrics are built, hence before the stack is imported below.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const main = async (): Promise<void> => {
  let options: LoadOptions;
  try {
    options = parseLoadOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const [{ runLoad }, { stderrProgress }, { renderReport }] = await Promise.all([import('./run'), import('../shared/progress'), import('./report')]);
  const report = await runLoad(options, stderrProgress());
  console.log(renderReport(report));
  if (options.jsonPath) {
    await writeFile(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`Report written to ${options.jsonPath}`);
  }
};

await main();
