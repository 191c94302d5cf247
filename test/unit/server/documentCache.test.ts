import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDocumentCache, type VersionedDocument } from '../../../server/src/lsp/documentCache';

const doc = (uri: string, version: number, languageId = 'json'): VersionedDocument => ({ uri, version, languageId });

describe('document cache', () => {
  it('computes once per uri and version', () => {
    const parsed: string[] = [];
    const cache = createDocumentCache((d: VersionedDocument) => (parsed.push(`${d.uri}@${d.version}`), { v: d.version }));
    const a1 = cache.get(doc('a', 1));
    assert.equal(cache.get(doc('a', 1)), a1);
    assert.deepEqual(cache.get(doc('a', 2)), { v: 2 });
    cache.get(doc('b', 1));
    cache.get(doc('a', 2));
    cache.get(doc('a', 2, 'jsonc'));
    assert.deepEqual(parsed, ['a@1', 'a@2', 'b@1', 'a@2']);
    assert.equal(cache.size, 2);
  });

  it('evicts on delete and the least recently used beyond the limit', () => {
    const parsed: string[] = [];
    const cache = createDocumentCache((d: VersionedDocument) => parsed.push(d.uri), 2);
    cache.get(doc('a', 1));
    cache.get(doc('b', 1));
    cache.get(doc('a', 1)); // a is now the most recent
    cache.get(doc('c', 1)); // evicts b
    assert.equal(cache.size, 2);
    cache.get(doc('a', 1));
    cache.get(doc('b', 1));
    assert.deepEqual(parsed, ['a', 'b', 'c', 'b']);
    cache.delete('b');
    cache.get(doc('b', 1));
    assert.deepEqual(parsed, ['a', 'b', 'c', 'b', 'b']);
    cache.clear();
    assert.equal(cache.size, 0);
  });
});
