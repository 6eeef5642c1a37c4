/**
 * Sizes of one function's bundle, from esbuild's metafile: what ships (every .mjs file) and what Node actually reads
 * at import (the entry plus the chunks it imports statically; chunks behind `import()` load only if that code runs).
 * Gzip sizes are per file, as a deployment zip compresses them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile } from 'esbuild';

export interface BundleSize {
  /** Bytes of all JavaScript files of the bundle. */
  bytes: number;
  gzipBytes: number;
  /** Bytes of the files loaded by `import()` of the entry: the entry and its static imports, transitively. */
  initBytes: number;
  initGzipBytes: number;
  /** Source maps shipped beside the code (standard profile). */
  mapBytes: number;
  /** Number of JavaScript files (1 without splitting). */
  files: number;
}

/** Metafile output paths (relative to `workingDir`) reachable from `entryOutput` through static imports. */
export const staticClosure = (metafile: Metafile, entryOutput: string): string[] => {
  const seen = new Set<string>();
  const visit = (output: string): void => {
    if (seen.has(output) || !metafile.outputs[output]) return;
    seen.add(output);
    for (const imported of metafile.outputs[output].imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryOutput);
  return [...seen];
};

export const bundleSize = (metafile: Metafile, entryOutput: string, workingDir: string): BundleSize => {
  const outputs = Object.keys(metafile.outputs);
  const code = outputs.filter((output) => !output.endsWith('.map'));
  const gzip = new Map(code.map((output) => [output, gzipSync(readFileSync(path.resolve(workingDir, output)), { level: 9 }).length]));
  const sum = (files: string[], size: (output: string) => number): number => files.reduce((total, output) => total + size(output), 0);
  const bytesOf = (output: string): number => metafile.outputs[output]?.bytes ?? 0;
  const init = staticClosure(metafile, entryOutput);
  return {
    bytes: sum(code, bytesOf),
    gzipBytes: sum(code, (output) => gzip.get(output) ?? 0),
    initBytes: sum(init, bytesOf),
    initGzipBytes: sum(init, (output) => gzip.get(output) ?? 0),
    mapBytes: sum(outputs.filter((output) => output.endsWith('.map')), bytesOf),
    files: code.length,
  };
};
