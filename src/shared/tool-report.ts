/** The shared ends of `npm run load` and `npm run chaos`: a bad command line exits 2 with the usage; a report can also go to a JSON file. */
import { writeFile } from 'node:fs/promises';

/** The parsed options, or undefined after printing what is wrong and the usage (exit code 2). */
export const optionsOrUsage = <T>(parse: () => T, usage: string): T | undefined => {
  try {
    return parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exitCode = 2;
    return undefined;
  }
};

/** Writes the report as JSON when `--json <file>` was given. */
export const writeJsonReport = async (path: string | undefined, report: unknown): Promise<void> => {
  if (!path) return;
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  console.error(`Report written to ${path}`);
};
