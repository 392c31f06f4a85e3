/** Jest runs the TypeScript sources directly (ts-jest, isolated modules for speed; `npm run typecheck` and the build type-check). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  globalSetup: '<rootDir>/test/globalSetup.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
