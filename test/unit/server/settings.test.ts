import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SERVER_SETTINGS, normalizeInitializationOptions, serverSettingsFrom } from '../../../server/src/lsp/settings';

describe('initialization options', () => {
  it('means defaults when missing, empty or malformed', () => {
    for (const raw of [undefined, null, {}, [], 'x', 3, { templateCompletions: 'no' }, { templateCompletions: null }]) {
      assert.deepEqual(normalizeInitializationOptions(raw), { templateCompletions: true, limits: {} }, JSON.stringify(raw));
    }
    assert.deepEqual(normalizeInitializationOptions({ templateCompletions: false, other: 1 }), { templateCompletions: false, limits: {} });
    assert.deepEqual(normalizeInitializationOptions({ limits: { maxSize: 1000, maxDepth: 64.5, other: 1 } }), {
      templateCompletions: true,
      limits: { maxSize: 1000, maxDepth: 64 },
    });
    assert.deepEqual(normalizeInitializationOptions({ limits: { maxSize: -1, maxDepth: 'x' } }).limits, {});
  });

  it('a secret storage command only when it is a command identifier', () => {
    assert.equal(
      normalizeInitializationOptions({ secretStorageCommand: 'pingone.setSecretVariable' }).secretStorageCommand,
      'pingone.setSecretVariable',
    );
    assert.equal(
      serverSettingsFrom({ initializationOptions: { secretStorageCommand: 'pingone.setSecretVariable' } }).service.secretStorageCommand,
      'pingone.setSecretVariable',
    );
    for (const raw of [1, '', 'a b', '$(rm)', 'x'.repeat(200), null])
      assert.equal('secretStorageCommand' in normalizeInitializationOptions({ secretStorageCommand: raw }), false, String(raw));
  });
});

describe('server settings from the client capabilities', () => {
  it('assumes the least of a client that declares nothing', () => {
    assert.deepEqual(DEFAULT_SERVER_SETTINGS, {
      service: { templateCompletions: true, limits: {}, snippetSupport: false, markdown: false },
      pullDiagnostics: false,
      hierarchicalSymbols: false,
      codeActionLiterals: false,
      foldingRangeLimit: undefined,
    });
    assert.deepEqual(serverSettingsFrom({ capabilities: {} }), DEFAULT_SERVER_SETTINGS);
  });

  it('reads snippets, markdown, pull diagnostics, symbols, code actions and the folding limit', () => {
    const settings = serverSettingsFrom({
      initializationOptions: { templateCompletions: false },
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['plaintext', 'markdown'] },
          diagnostic: {},
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [] } } },
          foldingRange: { rangeLimit: 100 },
        },
      },
    });
    assert.deepEqual(settings, {
      service: { templateCompletions: false, limits: {}, snippetSupport: true, markdown: true },
      pullDiagnostics: true,
      hierarchicalSymbols: true,
      codeActionLiterals: true,
      foldingRangeLimit: 100,
    });
  });

  it('takes markdown from hover formats first, then from completion documentation formats', () => {
    const md = (textDocument: object) => serverSettingsFrom({ capabilities: { textDocument } }).service.markdown;
    assert.equal(
      md({ hover: { contentFormat: ['plaintext'] }, completion: { completionItem: { documentationFormat: ['markdown'] } } }),
      false,
    );
    assert.equal(md({ completion: { completionItem: { documentationFormat: ['markdown'] } } }), true);
    assert.equal(md({ hover: { contentFormat: 'markdown' } }), false);
  });
});
