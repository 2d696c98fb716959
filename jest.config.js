/** Three projects: unit specs beside the code (src/, workflows/), e2e specs over HTTP (test/), browser specs (test/browser/). */
const tsJest = ['ts-jest', { diagnostics: false }];
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/workflows'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/build-web-assets.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout.ts'],
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      // The web pages in Debian's Chromium (playwright-core) against the real service on a real port.
      displayName: 'browser',
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/build-web-assets.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout.ts'],
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
