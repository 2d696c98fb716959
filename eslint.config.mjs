// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Type-aware lint (issue 11 item 7): no floating promises, no unsafe `any` in the service; formatting is Prettier's.
 * Tests, benches and scripts may use `any` for answers they assert on (a test reads JSON it did not type).
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.demo/**', 'data/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // A command's `prepare` and other members of an async interface may have nothing to await in one implementation.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'tools/**', '**/*.spec.ts', '**/testing/**', '**/*.fixtures*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // Scripts that run in the browser (the web pages' enhancements, the in-browser bundle check) and in plain Node.
  { files: ['src/web/scripts/**', 'src/web-ui/assets/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['tools/**', '*.mjs', '*.cjs', '*.js', 'test/**/*.js'],
    languageOptions: { globals: globals.node },
    // Plain CommonJS scripts a verifier runs with `node` alone (no build, no TypeScript).
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
