/** Jest runs the TypeScript sources directly (ts-jest, isolated modules for speed; `npm run typecheck` and the build type-check). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  testTimeout: 30000,
  maxWorkers: 2,
};
