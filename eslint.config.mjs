// ESLint (flat config): typescript-eslint's recommended rules with type information for the
// TypeScript sources and tests, the plain recommended rules for the build and host scripts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-output/**', '.vscode-test/**', 'test/fixtures/**', '*.vsix'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A floating promise in the extension is an unhandled rejection in the user's editor.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Finding and replacing control characters is what the escaping code is for.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core never imports vscode: put editor code in src/extension.' }] },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'media/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Functions handed to Playwright's page.evaluate run in the workbench page.
    files: ['scripts/host/run-ui.mjs', 'scripts/bench-editor.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['media/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, acquireVsCodeApi: 'readonly' } },
  },
);
