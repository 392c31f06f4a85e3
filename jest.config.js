/** Jest runs the TypeScript sources directly (ts-jest, isolated modules for speed; `npm run typecheck` and the build type-check). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only (tsconfig.jest.json sets isolatedModules): type errors are `npm test`'s pretest typecheck's job.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  globalSetup: '<rootDir>/test/globalSetup.js',
  // Each test file gets SQLite errors of its own realm (see the file).
  setupFiles: ['<rootDir>/test/support/sqliteErrors.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
