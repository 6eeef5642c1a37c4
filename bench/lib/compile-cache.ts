/**
 * The V8 compile cache (Node's `module.enableCompileCache`, also switched on by NODE_COMPILE_CACHE): compiled code
 * of every module is kept in a directory and reused by the next process, which then skips parsing and compiling.
 * "Portable" (Node ≥ 24.12) keys entries by path relative to the cache directory, so a cache can move with the code.
 * A cache only helps a process with the same Node/V8 version, flags and CPU architecture that wrote it; Node checks
 * that and silently compiles from source on a mismatch.
 */
export const compileCacheEnv = (directory: string): Record<string, string> => ({
  NODE_COMPILE_CACHE: directory,
  NODE_COMPILE_CACHE_PORTABLE: '1',
});
