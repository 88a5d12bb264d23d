import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './harness';

const read = (path: string) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));

describe('language contributions', () => {
  const manifest = read('package.json');

  it('grammar files match their generator', () => {
    execFileSync(process.execPath, [join(repoRoot, 'syntaxes', 'generate.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('declares the language, its grammars, injections and snippets', () => {
    const lang = manifest.contributes.languages.find((l: { id: string }) => l.id === 'cot-trace');
    assert.deepEqual(lang.extensions, ['.cot', '.think']);
    const grammars = manifest.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[];
    const byScope = Object.fromEntries(grammars.map((g) => [g.scopeName, g]));
    assert.ok(byScope['source.cot-trace']);
    assert.deepEqual(byScope['injection.cot-trace.json'].injectTo, ['source.json']);
    assert.deepEqual(byScope['markdown.cot-trace.codeblock'].injectTo, ['text.html.markdown']);
    for (const g of grammars) {
      assert.ok(existsSync(join(repoRoot, g.path)), g.path);
      assert.equal(read(g.path).scopeName, g.scopeName);
    }
    const snippets = manifest.contributes.snippets.find((s: { language: string }) => s.language === 'cot-trace');
    assert.ok(existsSync(join(repoRoot, snippets.path)));
  });

  it('declares how it behaves in untrusted and virtual workspaces', () => {
    // No dataset or config content is ever executed: full support in Restricted Mode.
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    // The language client only asks for local files and untitled documents, so virtual workspaces are limited.
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    // The description is a placeholder; its English (package.nls.json) says what stays local.
    const key = /^%(.+)%$/.exec(manifest.capabilities.virtualWorkspaces.description)?.[1];
    assert.ok(key, 'the description is localised');
    assert.match(read('package.nls.json')[key], /local files/);
    const client = readFileSync(join(repoRoot, 'src/extension/client.ts'), 'utf8');
    const schemes = new Set([...client.matchAll(/scheme: '([a-z-]+)'/g)].map((m) => m[1]));
    assert.deepEqual([...schemes].sort(), ['file', 'untitled']);
  });

  it('snippets cover the R1 layouts', () => {
    const snippets = read('snippets/cot-trace.json') as Record<string, { prefix: string | string[]; body: string[] }>;
    const bodies = Object.values(snippets).map((s) => s.body.join('\n'));
    assert.ok(bodies.some((b) => b.includes('<think>') && b.includes('<answer>') && b.includes('User:')), 'R1-Zero template');
    assert.ok(bodies.some((b) => b.startsWith('<think>') && b.includes('\\boxed{')), 'R1 trace');
    assert.ok(bodies.some((b) => b.includes('<|begin_of_thought|>') && b.includes('<|end_of_solution|>')), 'OpenThoughts');
    assert.ok(bodies.some((b) => (b.match(/\|special_token\|/g) ?? []).length === 2), 'cold start');
    assert.ok(bodies.some((b) => b.startsWith('\\boxed{')), 'boxed');
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate snippet prefix');
  });

  describe('language configuration', () => {
    const config = read('language-configuration.json');
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);

    it('folds blocks that span lines, not one-line blocks', () => {
      for (const line of ['<think>', 'Assistant: <think>', '<answer>', '<reasoning>', '<|begin_of_thought|>', '<|begin_of_solution|>']) {
        assert.ok(start.test(line), `start: ${line}`);
        assert.ok(!end.test(line), `not end: ${line}`);
      }
      for (const line of ['</think>', 'last words</think>', '</answer>', '</reasoning>', '<|end_of_thought|>', '<|end_of_solution|>']) {
        assert.ok(end.test(line), `end: ${line}`);
        assert.ok(!start.test(line), `not start: ${line}`);
      }
      assert.ok(!start.test('<think>short</think>'));
      assert.ok(!start.test('I wrote <think> mid-line'));
    });

    it('auto-closes the tags and brackets, and surrounds with $', () => {
      const pairs = new Map(config.autoClosingPairs.map((p: { open: string; close: string }) => [p.open, p.close]));
      assert.equal(pairs.get('<think>'), '</think>');
      assert.equal(pairs.get('<answer>'), '</answer>');
      assert.equal(pairs.get('<reasoning>'), '</reasoning>');
      assert.equal(pairs.get('{'), '}');
      assert.ok(config.surroundingPairs.some((p: string[]) => p[0] === '$' && p[1] === '$'));
      assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    });

    it('word pattern keeps numbers and words whole', () => {
      const words = 'x = 12.5 and 等等'.match(new RegExp(config.wordPattern, 'g'));
      assert.deepEqual(words, ['x', '12.5', 'and', '等等']);
    });
  });
});
