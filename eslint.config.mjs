// Lint and the import graph. The layers point one way (see ARCHITECTURE.md):
//   model ← service ← lsp, cli        model ← pingone (HTTP) ← workflow ← cli, client (VS Code)
// Each zone below fails `npm test` on an import against that direction; `import-x/no-cycle` fails on any cycle.
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const src = (dir) => `./server/src/${dir}`;
/** `from` may not be imported by files under `target`. */
const zone = (target, from, why) => ({ target, from, message: why });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test/vscode-host/**',
      'test/try/**',
      'test/bench/**',
      '.vscode-test/**',
      'bench-results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: Infinity }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            zone('./server', './client', 'server/ runs without vscode: it never imports client/.'),
            zone(
              src('model'),
              [src('service'), src('pingone'), src('workflow'), src('lsp'), src('cli')],
              'The model is the bottom layer: it imports nothing of ours.',
            ),
            zone(
              src('service'),
              [src('pingone'), src('workflow'), src('lsp'), src('cli')],
              'The language service knows the model only: no HTTP, no workflow, no LSP wiring, no CLI.',
            ),
            zone(src('pingone'), [src('service'), src('workflow'), src('lsp'), src('cli')], 'The HTTP layer knows the model only.'),
            zone(src('workflow'), [src('lsp'), src('cli')], 'The workflow is shared by the CLI and the extension: it imports neither.'),
            zone(
              src('lsp'),
              [src('pingone'), src('workflow'), src('cli')],
              'The LSP wiring serves the language service; it never talks to PingOne.',
            ),
            zone(src('cli'), [src('lsp')], 'The CLI runs the service directly, not through the LSP wiring.'),
            zone(
              './client/src',
              [src('lsp'), src('cli')],
              'The extension starts the server as a process; it never imports the LSP wiring or the CLI.',
            ),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Packages that belong to one face only.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'server/ runs without VS Code.' }],
          patterns: [{ group: ['vscode-languageclient', 'vscode-languageclient/*'], message: 'The language client belongs to client/.' }],
        },
      ],
    },
  },
  {
    files: [
      'server/src/model/**/*.ts',
      'server/src/service/**/*.ts',
      'server/src/pingone/**/*.ts',
      'server/src/workflow/**/*.ts',
      'server/src/cli/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'server/ runs without VS Code.' }],
          patterns: [
            {
              group: ['vscode-languageserver', 'vscode-languageserver/*'],
              message: 'Only the LSP wiring (server/src/lsp) uses the connection; protocol types come from vscode-languageserver-types.',
            },
            { group: ['vscode-languageclient', 'vscode-languageclient/*'], message: 'The language client belongs to client/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/model/**/*.ts', 'server/src/pingone/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'server/ runs without VS Code.' }],
          patterns: [
            {
              group: [
                'vscode-languageserver',
                'vscode-languageserver/*',
                'vscode-languageserver-*',
                'vscode-languageclient',
                'vscode-languageclient/*',
              ],
              message: 'The model and the HTTP layer know no editor protocol.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests talk to LSP peers and compiled modules whose shapes they do not own.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
