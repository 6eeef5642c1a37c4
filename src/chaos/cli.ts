/**
 * `npm run chaos`: a chaos run against the local stack in this process. The report goes to stdout, progress to
 * stderr; the exit code is 1 when an invariant is violated, 2 on bad arguments.
 */
import '../shared/silence-handlers';
import { optionsOrUsage, writeJsonReport } from '../shared/tool-report';

const main = async (): Promise<void> => {
  // Loaded after the environment above is set: the handlers' Logger and Metrics read it at import.
  const { parseChaosOptions, USAGE } = await import('./options');
  const options = optionsOrUsage(() => parseChaosOptions(process.argv.slice(2)), USAGE);
  if (!options) return;
  const { runChaos } = await import('./run');
  const { renderReport } = await import('./report');
  const { snapshot: _snapshot, ...report } = await runChaos(options, (line) => process.stderr.write(`${line}\n`));
  console.log(renderReport(report));
  await writeJsonReport(options.jsonPath, report);
  process.exitCode = report.invariants.ok ? 0 : 1;
};

await main();
