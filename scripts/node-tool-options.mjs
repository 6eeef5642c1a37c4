/**
 * esbuild options shared by everything of ours that runs on the project's own Node rather than on Lambda (the
 * local stack, the `orders` CLI, TypeScript scripts and benchmarks): our modules inlined, packages left to
 * node_modules, so a build takes well under a second.
 */
export const nodeToolOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  logLevel: 'warning',
};
