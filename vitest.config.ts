import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (*.test.ts); integration tests that need the
// running stack are named *.int.test.ts. `npm test` starts the test stack first
// (platform/stack/test.sh) and exports its ports through the environment.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.stack/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['platform/testing/global-setup.ts'],
  },
});
