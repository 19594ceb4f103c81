import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import noNameIndex from './eslint/no-name-index.js';

const noSql = { group: ['kysely'], importNames: ['sql'], message: 'SQL belongs in queries.ts files (and src/db/, migrations).' };
const viaPlatformIndex = { regex: '^(\\.\\./)+platform/(?!index\\.js$)', message: 'Import the platform through src/platform/index.ts.' };
const viaModuleIndex = (depth) => ({
  regex: `^${'\\.\\./'.repeat(depth)}[^./][^/]*/(?!index\\.js$)`,
  message: 'Use another module only through its index.ts.',
});
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': patterns.length ? ['error', { patterns }] : 'off' } });
const sqlAllowed = ['**/queries.ts', '**/*.queries.ts', '**/migrations.ts', '**/*.test.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'public/**', 'data/**', 'node_modules/**', 'coverage/**', '.test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/platform/views/assets/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        XMLHttpRequest: 'readonly',
        FormData: 'readonly',
        TextDecoder: 'readonly',
        URLSearchParams: 'readonly',
        Uint8Array: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  // No plain object is indexed by a name from a request or a file (see eslint/no-name-index.js).
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { steward: { rules: { 'no-name-index': noNameIndex } } },
    rules: { 'steward/no-name-index': 'error' },
  },
  // SQL lives only in the query layer, src/db/ and migrations.
  restrict(['src/**/*.ts'], [noSql]),
  restrict(['src/db/**', 'test/**', 'bench/**', ...sqlAllowed.map((g) => `src/${g}`)], []),
  // A module reaches the platform and other modules only through their index.ts.
  restrict(['src/modules/*/*.ts'], [noSql, viaPlatformIndex, viaModuleIndex(1)]),
  restrict(['src/modules/*/*/*.ts'], [noSql, viaPlatformIndex, viaModuleIndex(2)]),
  restrict(
    sqlAllowed.map((g) => `src/modules/*/${g}`),
    [viaPlatformIndex, viaModuleIndex(1)],
  ),
  restrict(
    sqlAllowed.map((g) => `src/modules/*/*/${g}`),
    [viaPlatformIndex, viaModuleIndex(2)],
  ),
);
