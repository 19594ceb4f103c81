import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'public/**', 'data/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['kysely'], importNames: ['sql'], message: 'SQL belongs in queries.ts files (and db/, migrations).' },
          ],
        },
      ],
    },
  },
  {
    // SQL lives only in the query layer, the database layer and migrations.
    files: ['src/**/queries.ts', 'src/db/**', 'src/**/migrations.ts', 'test/**', 'bench/**', 'src/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // A module reaches the platform and other modules only through their index.ts.
    files: ['src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\.\\./\\.\\./platform/(?!index\\.js$)', message: 'Import the platform through src/platform/index.ts.' },
            { regex: '^\\.\\./[^./][^/]*/(?!index\\.js$)', message: 'Use another module only through its index.ts.' },
          ],
        },
      ],
    },
  },
);
