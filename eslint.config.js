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
    files: ['bench/**/*.ts', 'scripts/**/*.{ts,js}'],
    rules: { 'no-console': 'off' },
  },
  {
    // Ports and the engine know no framework and no driver (style.md).
    files: ['libs/domain/src/**/*.ts', 'libs/event-store/src/*.ts', 'libs/kpi/src/**/*.ts'],
    ignores: ['**/*.module.ts', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'pg', 'better-sqlite3', 'kafkajs', '@kurrent/*'] }],
    },
  },
);
