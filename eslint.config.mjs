// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Layering: only src/bot may speak Bot Framework; feature folders stay framework-free.
    files: ['src/**/*.ts'],
    ignores: ['src/bot/**', 'src/index.ts', 'src/composition/**', 'src/dev/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
              message: 'Only src/bot imports botbuilder.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every framework-free folder under src/ (use cases, their data and shared kernel); adapters
    // (bot, server, storage, logging, telemetry), composition, admin and dev are the only others;
    // dataProtection is the data map, built from the use cases' own record types.
    files: [
      'src/{coaching,config,content,conversations,dataProtection,kernel,outcomes,partnership,referrals,safety,tenants,wording}/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'botbuilder',
                'botbuilder-*',
                'botframework-*',
                'restify',
                '@azure/*',
                '@opentelemetry/*',
              ],
              message:
                'Use cases are framework-free: depend on ports (and src/telemetry for metrics), not on botbuilder, restify, @azure/* or OpenTelemetry.',
            },
          ],
        },
      ],
    },
  },
  {
    // Stores and test fakes implement async ports without awaiting anything: `async` is what turns
    // an error they throw into the rejection the port promises. Dropping it, as require-await
    // asks, would make them throw synchronously instead.
    files: ['src/storage/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['test/**/*.ts', 'src/dev/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
