// Lint: typescript-eslint with type information (no-floating-promises, no explicit any) and the
// architecture's boundaries: an app imports libs and its own files, never another app (only the
// all-in-one composition root imports the apps' root modules); a lib imports its own files
// relatively and other libs by name (#libs/...), never by a ../ path.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'generated/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'composition-root', pattern: 'apps/all-in-one' },
        { type: 'app', pattern: 'apps/*', capture: ['app'] },
        { type: 'lib', pattern: 'libs/*', capture: ['lib'] },
        { type: 'generated', pattern: 'generated/*' },
      ],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'boundaries/include': ['apps/**/*.ts', 'libs/**/*.ts', 'generated/**/*.ts'],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'app' } }, allow: { to: { element: { type: 'app', captured: { app: '{{ from.element.captured.app }}' } } } } },
            { from: { element: { type: 'lib' } }, allow: { to: { element: { type: 'lib', captured: { lib: '{{ from.element.captured.lib }}' } } } } },
            { from: { element: { type: 'composition-root' } }, allow: { to: { element: { types: ['app', 'composition-root'] } } } },
          ],
        },
      ],
    },
  },
  {
    // Tests, benchmarks and scripts drive the system from outside; they may reach into any app.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'boundaries/dependencies': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
