/**
 * `npm run load -- --orders N --concurrency C --target local|<api-url> [...]`: runs the load, prints the
 * report on stdout (progress on stderr) and writes it as JSON with `--json <file>`.
 */
// Locally the handlers run in this process: their logs and EMF metrics would bury the report and cost CPU the
// measurement should not include (on AWS they go to CloudWatch outside the function's time). Powertools reads
// the environment this sets when the shared Logger and Metrics are built, hence first, before the stack is imported.
import '../shared/silence-handlers';
import { optionsOrUsage, writeJsonReport } from '../shared/tool-report';
import { parseLoadOptions, USAGE } from './options';

const main = async (): Promise<void> => {
  const options = optionsOrUsage(() => parseLoadOptions(process.argv.slice(2)), USAGE);
  if (!options) return;
  const [{ runLoad }, { stderrProgress }, { renderReport }] = await Promise.all([import('./run'), import('../shared/progress'), import('./report')]);
  const report = await runLoad(options, stderrProgress());
  console.log(renderReport(report));
  await writeJsonReport(options.jsonPath, report);
};

await main();
