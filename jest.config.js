/** Two projects: unit specs beside the code (src/, workflows/) and e2e specs over HTTP (test/). */
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
  ],
};
