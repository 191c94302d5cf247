/**
 * No regular expression of the extension, the server or the CLI backtracks super-linearly:
 * every regex literal under server/src and client/src, and every `pattern` of the JSON schema
 * (ajv compiles them with the `u` flag), is checked by recheck, a ReDoS checker that finds both
 * exponential and polynomial backtracking and gives an attack string. A regex built at run time
 * (`new RegExp`) cannot be checked this way: the list of those that exist is fixed here (none today), and
 * each is an alternation of escaped literals or otherwise reviewed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import * as ts from 'typescript';

const ROOT = join(__dirname, '../../../..');

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of require('node:fs').readdirSync(join(ROOT, dir), { withFileTypes: true }) as import('node:fs').Dirent[]) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk('server/src');
  walk('client/src');
  return out;
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function regexLiterals(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      const line = src.getLineAndCharacterOfPosition(n.getStart()).line + 1;
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const t = n.getText();
        const slash = t.lastIndexOf('/');
        literals.push({ where: `${file}:${line}`, source: t.slice(1, slash), flags: t.slice(slash + 1) });
      } else if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        dynamic.push(file);
      }
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return { literals, dynamic };
}

function schemaPatterns(): Found[] {
  const out: Found[] = [];
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) v.forEach((c, i) => walk(c, `${where}/${i}`));
    else if (v && typeof v === 'object') {
      for (const [k, c] of Object.entries(v)) {
        if (k === 'pattern' && typeof c === 'string') out.push({ where: `schema ${where}`, source: c, flags: 'u' });
        else walk(c, `${where}/${k}`);
      }
    }
  };
  walk(JSON.parse(readFileSync(join(ROOT, 'schemas/phone-delivery-settings.schema.json'), 'utf8')), '#');
  return out;
}

describe('regular expressions', () => {
  it('no regex literal or schema pattern backtracks super-linearly (recheck)', { timeout: 300_000 }, () => {
    const { literals } = regexLiterals();
    const all = [...literals, ...schemaPatterns()];
    assert.ok(all.length > 50, `found only ${all.length} regexes: is the scan looking in the right place?`);
    const seen = new Map<string, Found>();
    for (const r of all) seen.set(`/${r.source}/${r.flags.replace(/[gy]/g, '')}`, r);
    const unsafe: string[] = [];
    for (const r of seen.values()) {
      const result = checkSync(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 20_000 });
      if (result.status === 'vulnerable') {
        unsafe.push(`${r.where} /${r.source}/${r.flags}: ${result.complexity.summary}, e.g. ${result.attack.pattern}`);
      } else if (result.status === 'unknown') {
        unsafe.push(`${r.where} /${r.source}/${r.flags}: recheck could not decide (${result.error.kind})`);
      }
    }
    assert.deepEqual(unsafe, []);
  });

  it('regexes built at run time are only the reviewed ones', () => {
    // None: the `files.patterns` globs are matched by minimatch (client/src/recognize.ts), and the plan's
    // placeholder templates without a regex (server/src/workflow/plan.ts).
    assert.deepEqual([...new Set(regexLiterals().dynamic)].sort(), []);
  });
});
