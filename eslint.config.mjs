// Lint: typescript-eslint everywhere; in sandboxed code (workflows/, domain/) Node built-ins
// and Node globals are banned, because the workflow sandbox has none of them and any clock
// or I/O there would break deterministic replay. The layers import downward only:
// cli/ → client/ → workflows/messages.ts → domain/, and activities/, workers/ → client/; nothing
// imports cli/, and no module imports itself back at run time (import-x/no-cycle).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

/** Nothing below the command line imports it: it is the top of the graph. */
const noCli = {
  group: ['**/cli/**', '**/cli'],
  message: 'cli/ is the kyhan command line, the top layer: nothing imports it. Move what you need into client/ or domain/.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Run-time import cycles anywhere (type-only imports are erased and do not count). The
    // resolver reads TypeScript's extensionless imports; external modules are not traversed.
    files: ['**/*.ts', '**/*.mts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noCli,
            { group: ['**/activities/**', '**/activities', '**/workers/**', '**/workers'],
              message: 'client/ is the typed library activities and workers import: it must not import them back.' },
            { group: ['**/workflows/*', '!**/workflows/messages'],
              message: 'client/ knows the workflows through workflows/messages.ts only (names, messages, signatures), never their code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts', 'workers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noCli] }] },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow and domain code runs in the deterministic sandbox: no Node built-ins. Move this to an activity.',
          })),
          patterns: [
            { group: ['**/activities/**', '**/workers/**', '**/client/**'], allowTypeImports: true,
              message: 'Sandboxed code may import activities, workers or client code as types only.' },
            noCli,
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'global'].map((name) => ({
          name,
          message: 'Not available in the workflow sandbox.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'No randomness in sandboxed code: it must replay identically.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
