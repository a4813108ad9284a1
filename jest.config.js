/** Jest runs the TypeScript suites in test/ through ts-jest (CommonJS). */
const { createHash } = require('node:crypto');
const os = require('node:os');
const path = require('node:path');

// The router's model cache (src/nlu/model-cache.ts) keeps 8 models a folder. Each checkout's tests
// get a folder of their own, so checkouts testing side by side on one machine do not push each
// other's models out and retrain them. Models are keyed by everything they are trained on, so a
// cached one answers exactly as a fresh one (test/nlu/model-cache.test.ts). SAFESTEP_CACHE_DIR wins.
process.env.SAFESTEP_CACHE_DIR ||= path.join(os.tmpdir(), `safestep-cache-test-${createHash('sha256').update(__dirname).digest('hex').slice(0, 8)}`);

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // Trains the shipped router into the cache above once, before any suite (test/global-setup.ts).
  globalSetup: '<rootDir>/test/global-setup.ts',
};
