// Lint (docs/decisions.md, decision 29): typescript-eslint with the type-aware rules that catch what
// tests miss — a promise nobody awaits, a switch that forgets a case — and Prettier for layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';

/** What each business module lets others import besides its manifest (module.ts); the rest of its folder is its own. */
const publicSurface = {
  registry: ['read', 'write', 'ledger', 'schema', 'events'],
  divisions: ['queries'],
  auth: ['me'],
  admin: [],
  audit: [],
  portal: [],
  assistance: [],
};

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'db/migrations/', 'e2e/.artifacts/', 'bench/.cache/', '.ci/out/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // The printed forms lay out signature lines with ideographic spaces (U+3000) in template literals.
      'no-irregular-whitespace': ['error', { skipTemplates: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Dates are Asia/Shanghai dates (docs/rules.md "Dates"), whatever zone the server or the browser runs
  // in: the day is shanghaiToday() and a time is shown by dateTime() (src/shared/dates.ts), never by the
  // machine's local calendar.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
          message: 'dayjs() is the local zone’s now: use shanghaiToday() or dateTime() (src/shared/dates.ts).',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|toLocaleDateString|toLocaleTimeString|toDateString)$/]',
          message: 'A local-zone date getter: use the Asia/Shanghai helpers of src/shared/dates.ts.',
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  // The layers (docs/architecture.md): the platform never imports a business module, src/shared
  // (rules, codes, formatters the server and the web both use) imports neither side, the web never
  // imports the server.
  {
    files: ['src/server/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/modules/**'],
              message: 'The platform never imports a business module: move what it needs into the platform, or let the module register it.',
            },
          ],
        },
      ],
    },
  },
  // A module never imports another module's internals: only the files a module lists here as its
  // public surface (docs/adding-a-module.md "What a module may import of another").
  {
    files: ['src/server/modules/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: Object.entries(publicSurface).map(([module, files]) => ({
            group: [`**/${module}/**`, '!**/platform/**', '!**/shared/**', ...[...files, 'module'].map((f) => `!**/${module}/${f}.js`)],
            message: `Another module's internals: import only its public surface (${files.map((f) => `${module}/${f}.ts`).join(', ')}).`,
          })),
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**'], message: 'src/shared holds what the server and the web share; it imports neither.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], message: 'The web takes the types and rules it shares with the server from src/shared only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  prettier,
  // Prettier keeps code within 140 columns; this holds comments and SQL to it too. A string literal
  // (a test's name, a Chinese message) is one unit and is not broken.
  {
    plugins: { '@stylistic': stylistic },
    rules: { '@stylistic/max-len': ['error', { code: 140, ignoreStrings: true, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
);
