// One linter for the monorepo. Besides style, it enforces the dependency rules of the design:
// core imports no framework and no Electron; everything else reaches core only through its public
// entry points; nothing imports apps/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const frameworks = ['express', 'koa', 'fastify', 'hono', 'electron', 'react', 'react-dom', '@koa/*', 'koa-*', 'fastify-*', '@fastify/*', 'hono/*', '@hono/*', 'miniflare', 'bun', 'deno'];
const deepImports = {
  group: ['@auditnotify/*/src/*', '@auditnotify/*/dist/*', '@auditnotify/core/*', '!@auditnotify/core/testing', '!@auditnotify/core/node'],
  message: 'Use the public entry points of @auditnotify packages (@auditnotify/core, @auditnotify/core/testing, @auditnotify/core/node).',
};
const noApps = { group: ['@auditnotify/inspector', '**/apps/**'], message: 'Nothing depends on apps/.' };
const noSiblingSources = {
  group: ['../../*/src/*', '../../../packages/*', '../../packages/*'],
  message: 'Import other packages by name, never by relative path.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**', '**/test-results/**', '**/.work-*/**', '**/.bin-shim-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': ['error', { patterns: [deepImports, noApps, noSiblingSources] }],
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    ignores: ['packages/core/bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'core imports no framework and no Electron (docs/architecture.md, dependency rules).' },
            { group: ['@auditnotify/*'], message: 'core depends on nothing else of the monorepo.' },
            noApps,
          ],
        },
      ],
    },
  },
  {
    // node-forge sits behind one internal module of core.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/internal/forge.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='node-forge']", message: 'Import node-forge through src/internal/forge.ts only.' },
      ],
    },
  },
  {
    files: ['apps/inspector/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
