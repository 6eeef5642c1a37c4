/**
 * `npm run chaos`: a chaos run against the local stack in this process. The report goes to stdout, progress to
 * stderr; the exit code is 1 when an invariant is violated, 2 on bad arguments.
 */
import './silence-handlers';
import { writeFile } from 'node:fs/promises';

const main = async (): Promise<void> => {
  // Loaded after the environment above is set: the handlers' Logger and Metrics read it at import.
  const { parseChaosOptions, USAGE } = await import('./options');
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { runChaos } = await import('./run');
  const { renderReport } = await import('./report');
  const { snapshot: _snapshot, ...report } = await runChaos(options, (line) => process.stderr.write(`${line}\n`));
  console.log(renderReport(report));
  if (options.jsonPath) {
    await writeFile(options.jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`Report written to ${options.jsonPath}`);
  }
  process.exitCode = report.invariants.ok ? 0 : 1;
};

await main();
