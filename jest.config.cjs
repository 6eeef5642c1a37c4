require('./scripts/require-project-node.cjs');

// Jest runs the TypeScript sources through SWC. Middy 7 ships ESM only, so its packages (and the few other
// ESM-only dependencies) are transformed too instead of being left to Node's CommonJS loader. '@silverbucket' to
// 'change-case' are what @middy/validator/transpile pulls in (tests compile schemas with it); 'yocto-queue' is p-limit's.
const esmOnly = ['@middy', '@silverbucket', 'ajv-ftl-i18n', 'fluent-transpiler', '@fluent', 'change-case', 'aws-local-stepfunctions', 'yaml', 'p-limit', 'yocto-queue'].join('|');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // The POWERTOOLS_* environment the template's Globals set, before any handler module builds its Logger/Metrics.
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  // Middy's packages export only an `import` condition, which Jest's CommonJS resolver does not match: point it at the
  // files, which the transform above then turns into CommonJS.
  moduleNameMapper: {
    '^@middy/([a-z-]+)$': '<rootDir>/node_modules/@middy/$1/index.js',
    '^@middy/([a-z-]+)/([A-Za-z-]+)$': '<rootDir>/node_modules/@middy/$1/$2.js',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.d.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000,
};
