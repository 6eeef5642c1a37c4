// Jest runs the TypeScript sources through SWC. Middy 7 ships ESM only, so its packages (and the few other
// ESM-only dependencies) are transformed too instead of being left to Node's CommonJS loader.
const esmOnly = ['@middy', 'aws-local-stepfunctions', 'yaml'].join('|');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.d.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  testTimeout: 30000,
};
