/**
 * The project runs on its own Node 24 (the `node` devDependency, node_modules/.bin/node), which npm scripts and
 * `npx` put first on PATH; installing needs only the Node that runs npm (package.json `engines`). Loaded first by
 * what runs on the project's Node (the local stack's build, the CLI, the TypeScript runner, jest), so that starting
 * one of them with another Node fails at once with what to do, instead of later with a syntax or API error.
 * CommonJS, so that jest.config.cjs can require it and the ES modules import it.
 */
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    `This needs the project's Node ${REQUIRED_MAJOR} (node_modules/.bin/node), not Node ${process.versions.node}: ` +
      'run it through npm scripts (npm start, npm test, npm run …) or npx orders …, which use it.\n',
  );
  process.exit(1);
}
