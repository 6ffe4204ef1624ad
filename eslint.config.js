import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', 'data/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Constructor parameter types are runtime values for Nest's DI (emitDecoratorMetadata): the type-import rule
    // must know, or it would turn injected classes into type-only imports.
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.{ts,js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
  {
    // Ports and the engine know no framework and no driver (style.md).
    files: [
      'libs/domain/src/**/*.ts',
      'libs/event-store/src/*.ts',
      'libs/sql/src/*.ts',
      'libs/kpi/src/**/*.ts',
      'libs/backoff/src/**/*.ts',
      'libs/alerts/src/{rules,events,ledger,evaluation}/**/*.ts',
    ],
    // Adapters are where drivers belong (architecture.md: port + adapters); libs/kpi/src/api is the KPI lib's NestJS
    // entry point (`@customs-pulse/kpi/api`), which the framework-free entry point never imports.
    ignores: [
      '**/*.module.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      'libs/kpi/src/read-model/sqlite/**',
      'libs/kpi/src/read-model/postgres/**',
      'libs/kpi/src/api/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'pg', 'better-sqlite3', 'kafkajs', '@kurrent/*'] }],
    },
  },
  {
    // The dashboard runs in the browser: its globals, and no server code (it speaks api.md's JSON, nothing else).
    files: ['apps/dashboard/src/**/*.ts'],
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', sessionStorage: 'readonly', fetch: 'readonly', atob: 'readonly',
        ResizeObserver: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly',
      },
    },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@customs-pulse/*', '@nestjs/*', 'node:*'] }],
    },
  },
);
