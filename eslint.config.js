import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.neo4j/',
      'coverage/',
      'dist/',
      'test-artifacts/',
      'src/graphql/generated/',
      'web/explore/src/generated/',
      'client/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Only config.ts reads the environment (see src/config.ts).
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/config.ts.',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'scripts/**', 'bench/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Runs in the GraphiQL page, not in Node.
    files: ['src/http/graphiql-tabs.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', Element: 'readonly', URL: 'readonly' },
    },
  },
  {
    files: ['bin/**'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
);
