import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Imports of the faces built on the engine. */
const FACES = ['**/server/*', '**/extension/*', '**/extension/**', '**/cli/*', '**/cli/**', '**/serve/*'];
const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'wasm/**', '.cache/**', 'node_modules/**', 'test-results/**', 'bench/data/**', '*.vsix', 'samples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // The pure engine must never depend on the editor, nor on a face built on it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is editor-independent.' }],
          patterns: [{ group: FACES, message: 'src/core is below every face (server, extension, CLI, reward server).' }],
        },
      ],
    },
  },
  {
    // Node-only code of the engine lives in src/core/node; the rest also runs in webviews.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is editor-independent.' }, ...NODE_BUILTINS.map((name) => ({ name, message: 'Node-only code goes in src/core/node.' }))],
          patterns: [
            { group: FACES, message: 'src/core is below every face (server, extension, CLI, reward server).' },
            { group: ['node:*'], message: 'Node-only code goes in src/core/node.' },
          ],
        },
      ],
    },
  },
  {
    // Panels run in a browser: no Node, no editor API, nothing of the server or the other faces.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Webviews talk to the extension by messages.' }, ...NODE_BUILTINS.map((name) => ({ name, message: 'Webviews run in a browser.' }))],
          patterns: [
            { group: ['node:*'], message: 'Webviews run in a browser.' },
            { group: [...FACES, '**/src/core/node/**', '**/core/node/*'], message: 'Webviews use only the pure engine (src/core, not src/core/node) and their own code.' },
          ],
        },
      ],
    },
  },
  {
    // The extension talks to the server through its protocol (and starts it with its launch flags), never through its internals.
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/*', '!**/server/protocol', '!**/server/launch'], message: 'Only server/protocol.ts and server/launch.ts are the server\'s public surface.' },
            { group: ['**/cli/*', '**/serve/*'], message: 'The extension does not reach into the other faces.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly' } },
  },
);
