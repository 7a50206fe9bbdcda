// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
    files: ['src/{coaching,wording,referrals,nudges,outcomes,conversations,kernel}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*', 'restify', '@azure/*'],
              message:
                'Use cases are framework-free: depend on ports, not on botbuilder, restify or @azure/cosmos.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'src/dev/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
